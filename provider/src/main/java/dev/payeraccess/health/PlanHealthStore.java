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

    Optional<PlanCapabilities> capabilities(String realmId, String alias) {
        return Optional.ofNullable(store.get(capabilitiesKey(realmId, alias)))
            .map(notes -> notes.get(CAPABILITIES))
            .flatMap(PlanCapabilities::fromJson);
    }

    void saveCapabilities(String realmId, String alias, PlanCapabilities capabilities) {
        store.put(capabilitiesKey(realmId, alias), CAPABILITIES_LIFESPAN.toSeconds(),
            Map.of(CAPABILITIES, capabilities.toJson()));
    }

    private static String healthKey(String realmId, String alias) {
        return "payer-access.plan-health::" + realmId + "::" + alias;
    }

    private static String capabilitiesKey(String realmId, String alias) {
        return "payer-access.plan-capabilities::" + realmId + "::" + alias;
    }
}
