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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * node may serve the next page), for {@link #LIFESPAN}. The app's {@code next} link carries {@code {id}.{signature}}:
 * a random id and an HMAC over it and the user, keyed with a key derived from the realm's HMAC keys, so a link is
 * short whatever the plans' page links weigh, cannot be guessed or forged, and opens nothing for another user.
 * Rotating the realm's keys ends every cursor.
 */
final class CursorStore {

    /** As long as a single plan's page links are granted for. */
    static final Duration LIFESPAN = Duration.ofHours(1);
    private static final String KEY_PREFIX = "payer-access.all-plans-cursor::";
    /** Keeps a cursor where every node finds it at once. */
    interface Saver {
        void put(String key, long lifespanSeconds, Map<String, String> notes);
    }

    /** Reads a kept cursor's notes; null when there are none (never kept, or expired). */
    interface Reader {
        Map<String, String> get(String key);
    }

    private final Reader store;
    private final Saver saver;
    private final String realmId;
    private final List<byte[]> keys;
    private final SecureRandom random = new SecureRandom();

    CursorStore(Reader store, Saver saver, String realmId, List<byte[]> keys) {
        this.store = store;
        this.saver = saver;
        this.realmId = realmId;
        this.keys = List.copyOf(keys);
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
        return new CursorStore(store::get, saver, realm.getId(), keys);
    }

    /** Keeps {@code cursor}; returns what the {@code next} link carries. */
    String save(CrossPlanCursor cursor) throws FhirProblemException {
        if (keys.isEmpty()) {
            throw FhirProblem.serverError("This realm has no HMAC key to sign the next page of a search across plans "
                + "with; an administrator adds one under Realm settings, Keys (provider hmac-generated).").exception();
        }
        byte[] idBytes = new byte[18];
        random.nextBytes(idBytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        saver.put(KEY_PREFIX + realmId + "::" + id, LIFESPAN.toSeconds(), cursor.toNotes());
        return id + "." + signature(keys.get(0), cursor.user(), id);
    }

    /**
     * The cursor {@code link} names, for {@code user}.
     *
     * @throws FhirProblemException 403 when the link was not signed for this user here; 404 when it has expired
     */
    CrossPlanCursor load(String link, String user) throws FhirProblemException {
        String[] parts = link.split("\\.", 2);
        if (parts.length != 2 || !verifies(user, parts[0], parts[1])) {
            throw FhirProblem.forbidden("This page of a search across plans was not handed to this user here; "
                + "follow the next link of your own search.").exception();
        }
        Map<String, String> notes = store.get(KEY_PREFIX + realmId + "::" + parts[0]);
        Optional<CrossPlanCursor> cursor = notes == null ? Optional.empty() : CrossPlanCursor.fromNotes(notes);
        if (cursor.isEmpty() || !cursor.get().user().equals(user)) {
            throw FhirProblem.notFound("This page of a search across plans has expired (pages are kept for "
                + LIFESPAN.toMinutes() + " minutes); run the search again.").exception();
        }
        return cursor.get();
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
