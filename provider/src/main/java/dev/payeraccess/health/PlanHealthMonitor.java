package dev.payeraccess.health;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.health.round.RoundOutcome;
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

    /**
     * Probes every enabled plan of the realm now, on this node, as a scheduled round does (in parallel, each probe
     * with its deadline, within one interval), records the findings and says how the round went.
     */
    RoundOutcome checkAll(RealmModel realm);

    @Override
    default void close() {
    }
}
