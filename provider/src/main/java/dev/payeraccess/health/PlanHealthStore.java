package dev.payeraccess.health;

import dev.payeraccess.plan.PlanCapabilities;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Where probes leave what they found: Keycloak's cluster-wide store of small expiring objects (the one that
 * holds action tokens and revoked token ids), shared by every node. Not the identity provider's configuration:
 * writing there every probe would evict the realm from every node's cache each time.
 */
final class PlanHealthStore {

    /** The plan's CapabilityStatement changes rarely; a day-old copy still describes it. */
    private static final Duration CAPABILITIES_LIFESPAN = Duration.ofDays(1);
    private static final String CAPABILITIES = "capabilities";
    /** The SHA-256 of the capabilities' text, written with it: what each node's parsed copy is found by. */
    private static final String DIGEST = "digest";

    private final SingleUseObjectProvider store;

    PlanHealthStore(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    Optional<PlanHealth> health(String realmId, String alias) {
        return PlanHealth.fromNotes(store.get(healthKey(realmId, alias)));
    }

    /** @param lifespan a status not refreshed within it is forgotten, and the plan shows as unknown */
    void save(String realmId, String alias, PlanHealth health, Duration lifespan) {
        store.put(healthKey(realmId, alias), lifespan.toSeconds(), health.toNotes());
    }

    /** The stored capabilities, parsed once per node ({@code parsed} holds this node's copies). */
    Optional<PlanCapabilities> capabilities(String realmId, String alias, ParsedCapabilities parsed) {
        Map<String, String> notes = store.get(capabilitiesKey(realmId, alias));
        if (notes == null || notes.get(CAPABILITIES) == null) {
            return Optional.empty();
        }
        String stored = notes.get(CAPABILITIES);
        // Written before the digest was: hashed here, once per request, until the next probe rewrites it.
        String digest = Optional.ofNullable(notes.get(DIGEST)).orElseGet(() -> ParsedCapabilities.digestOf(stored));
        return parsed.parsed(digest, stored);
    }

    /** Kept for a day, at most {@link PlanCapabilities#MAX_STORED_CHARS}, with its digest. */
    void saveCapabilities(String realmId, String alias, PlanCapabilities capabilities) {
        String stored = capabilities.toJson();
        store.put(capabilitiesKey(realmId, alias), CAPABILITIES_LIFESPAN.toSeconds(),
            Map.of(CAPABILITIES, stored, DIGEST, ParsedCapabilities.digestOf(stored)));
    }

    private static String healthKey(String realmId, String alias) {
        return "payer-access.plan-health::" + realmId + "::" + alias;
    }

    private static String capabilitiesKey(String realmId, String alias) {
        return "payer-access.plan-capabilities::" + realmId + "::" + alias;
    }
}
