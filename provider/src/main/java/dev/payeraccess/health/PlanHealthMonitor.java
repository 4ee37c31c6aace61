package dev.payeraccess.health;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.plan.PlanCapabilities;
import java.util.Optional;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/** The health of a realm's plans, as the scheduled probes (or an administrator's probe) found it. */
public interface PlanHealthMonitor extends Provider {

    /** The last probe's finding; empty when the plan was never probed or its finding expired. */
    Optional<PlanHealth> health(RealmModel realm, String alias);

    /** What the plan's CapabilityStatement declared at its last successful probe. */
    Optional<PlanCapabilities> capabilities(RealmModel realm, String alias);

    /** Probes the plan now, records the finding (an event and a log line if the status changed) and returns it. */
    PlanHealth checkNow(RealmModel realm, PlanIdentityProviderConfig plan);

    @Override
    default void close() {
    }
}
