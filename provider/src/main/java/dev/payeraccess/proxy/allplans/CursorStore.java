package dev.payeraccess.proxy.allplans;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Where the cursors of searches across plans are kept: Keycloak's cluster-wide store of small expiring objects (any
 * node may serve the next page), for {@link #LIFESPAN}. The app's {@code next} link carries
 * {@code {slot}.{chain}.{page}.{signature}}: the search's place among the user's {@link #SLOTS_PER_USER}, a random
 * id of the search, the page's number and an HMAC over them and the user, keyed with a key derived from the realm's
 * HMAC keys, so a link is short whatever the plans' page links weigh, cannot be guessed or forged, and opens nothing
 * for another user. Rotating the realm's keys ends every cursor.
 *
 * <p>What a user may keep is bounded: one entry per search, in one of the user's {@link #SLOTS_PER_USER} places (a
 * new search takes a free place, else the one saved longest ago), each holding the page just served and the next
 * one (so an app may fetch a page again), each page's plan positions bounded by {@link CrossPlanCursor#fits}.
 * Following {@code next} replaces the search's entry, it never adds one.
 */
final class CursorStore {

    /** As long as a single plan's page links are granted for. */
    static final Duration LIFESPAN = Duration.ofHours(1);
    /** The searches across plans a user may page through at once; a newer one ends the one saved longest ago. */
    static final int SLOTS_PER_USER = 8;
    private static final String KEY_PREFIX = "payer-access.all-plans-cursor::";
    private static final String NEXT = "next.";
    private static final String SERVED = "served.";

    /** Keeps a cursor where every node finds it at once, in place of what the key held. */
    interface Saver {
        void put(String key, long lifespanSeconds, Map<String, String> notes);
    }

    /** Reads a kept cursor's notes; null when there are none (never kept, or expired). */
    interface Reader {
        Map<String, String> get(String key);
    }

    /** Where a page's cursor is kept: the user's place, the search's random id, the page's number in the search. */
    record Place(int slot, String chain, long page) {
    }

    /** A cursor read back, and where it was kept. */
    record Loaded(CrossPlanCursor cursor, Place place) {
    }

    private final Reader store;
    private final Saver saver;
    private final String realmId;
    private final List<byte[]> keys;
    private final LongSupplier clockMillis;
    private final SecureRandom random = new SecureRandom();

    CursorStore(Reader store, Saver saver, String realmId, List<byte[]> keys, LongSupplier clockMillis) {
        this.store = store;
        this.saver = saver;
        this.realmId = realmId;
        this.keys = List.copyOf(keys);
        this.clockMillis = clockMillis;
    }

    /**
     * Signs with the realm's active HMAC key first; every one of its HMAC keys verifies. A cursor is kept in a
     * transaction of its own, committed before the page that links to it has been sent: the app may follow the link
     * the moment it reads it, before the request's own transaction ends.
     */
    static CursorStore of(KeycloakSession session, RealmModel realm) {
        List<byte[]> keys = session.keys().getKeysStream(realm, KeyUse.SIG, Algorithm.HS512)
            .filter(key -> key.getSecretKey() != null)
            .sorted(Comparator.comparing((KeyWrapper key) -> key.getStatus() != KeyStatus.ACTIVE))
            .map(key -> mac(key.getSecretKey().getEncoded(), "payer-access all-plans cursor key"))
            .toList();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        Saver saver = (key, lifespan, notes) -> KeycloakModelUtils.runJobInTransaction(factory,
            own -> own.singleUseObjects().put(key, lifespan, notes));
        SingleUseObjectProvider store = session.singleUseObjects();
        return new CursorStore(store::get, saver, realm.getId(), keys, System::currentTimeMillis);
    }

    /**
     * Keeps {@code next}, the cursor of the page after the one served from {@code served} (empty for a search's first
     * page, which takes a place of its own); returns what the {@code next} link carries.
     */
    String save(CrossPlanCursor next, Optional<Loaded> served) throws FhirProblemException {
        if (keys.isEmpty()) {
            throw FhirProblem.serverError("This realm has no HMAC key to sign the next page of a search across plans "
                + "with; an administrator adds one under Realm settings, Keys (provider hmac-generated).").exception();
        }
        Place place;
        Map<String, String> notes = new HashMap<>();
        if (served.isPresent()) {
            Place from = served.get().place();
            place = new Place(from.slot(), from.chain(), from.page() + 1);
            prefixed(notes, SERVED, served.get().cursor(), from.page());
        } else {
            byte[] chain = new byte[12];
            random.nextBytes(chain);
            place = new Place(freeSlot(next.user()), Base64.getUrlEncoder().withoutPadding().encodeToString(chain), 1);
        }
        prefixed(notes, NEXT, next, place.page());
        notes.put("chain", place.chain());
        notes.put("savedAt", Long.toString(clockMillis.getAsLong()));
        saver.put(key(next.user(), place.slot()), LIFESPAN.toSeconds(), notes);
        String id = place.slot() + "." + place.chain() + "." + place.page();
        return id + "." + signature(keys.get(0), next.user(), id);
    }

    /**
     * The cursor {@code link} names, for {@code user}.
     *
     * @throws FhirProblemException 403 when the link was not signed for this user here; 404 when it has expired, or
     *     the user started {@link #SLOTS_PER_USER} newer searches since
     */
    Loaded load(String link, String user) throws FhirProblemException {
        int signed = link.lastIndexOf('.');
        String id = signed < 0 ? "" : link.substring(0, signed);
        String[] parts = id.split("\\.", -1);
        Optional<Place> place = parts.length == 3 && verifies(user, id, link.substring(signed + 1))
            ? place(parts) : Optional.empty();
        if (place.isEmpty()) {
            throw FhirProblem.forbidden("This page of a search across plans was not handed to this user here; "
                + "follow the next link of your own search.").exception();
        }
        Map<String, String> notes = store.get(key(user, place.get().slot()));
        Optional<CrossPlanCursor> cursor = Optional.empty();
        if (notes != null && place.get().chain().equals(notes.get("chain"))) {
            String page = Long.toString(place.get().page());
            cursor = page.equals(notes.get(NEXT + "page")) ? unprefixed(notes, NEXT)
                : page.equals(notes.get(SERVED + "page")) ? unprefixed(notes, SERVED) : Optional.empty();
        }
        if (cursor.isEmpty() || !cursor.get().user().equals(user)) {
            throw FhirProblem.notFound("This page of a search across plans has expired (pages are kept for "
                + LIFESPAN.toMinutes() + " minutes, of a user's " + SLOTS_PER_USER + " latest searches across "
                + "plans); run the search again.").exception();
        }
        return new Loaded(cursor.get(), place.get());
    }

    private static Optional<Place> place(String[] parts) {
        try {
            int slot = Integer.parseInt(parts[0]);
            long page = Long.parseLong(parts[2]);
            return slot >= 0 && slot < SLOTS_PER_USER && page > 0
                ? Optional.of(new Place(slot, parts[1], page)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A place of the user's that holds no search, else the one saved longest ago. */
    private int freeSlot(String user) {
        int oldest = 0;
        long oldestSaved = Long.MAX_VALUE;
        for (int slot = 0; slot < SLOTS_PER_USER; slot++) {
            Map<String, String> notes = store.get(key(user, slot));
            if (notes == null) {
                return slot;
            }
            long saved;
            try {
                saved = Long.parseLong(notes.getOrDefault("savedAt", "0"));
            } catch (NumberFormatException e) {
                saved = 0;
            }
            if (saved < oldestSaved) {
                oldest = slot;
                oldestSaved = saved;
            }
        }
        return oldest;
    }

    private String key(String user, int slot) {
        return KEY_PREFIX + realmId + "::" + user + "::" + slot;
    }

    private static void prefixed(Map<String, String> notes, String prefix, CrossPlanCursor cursor, long page) {
        notes.put(prefix + "page", Long.toString(page));
        cursor.toNotes().forEach((name, value) -> notes.put(prefix + name, value));
    }

    private static Optional<CrossPlanCursor> unprefixed(Map<String, String> notes, String prefix) {
        Map<String, String> own = new HashMap<>();
        notes.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                own.put(name.substring(prefix.length()), value);
            }
        });
        return CrossPlanCursor.fromNotes(own);
    }

    private boolean verifies(String user, String id, String given) {
        byte[] presented = given.getBytes(StandardCharsets.US_ASCII);
        return keys.stream().anyMatch(key -> MessageDigest.isEqual(presented,
            signature(key, user, id).getBytes(StandardCharsets.US_ASCII)));
    }

    private static String signature(byte[] key, String user, String id) {
        byte[] sum = mac(key, user.length() + ":" + user + "\n" + id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
    }

    private static byte[] mac(byte[] key, String input) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
