package dev.payeraccess.health.round;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * This node's probe-round metrics on Keycloak's {@code /metrics}: {@code payer_access_plan_probe_round_seconds} (its
 * part of each round), {@code payer_access_plan_probes_total} (plans it probed) and
 * {@code payer_access_plan_probes_late_total} (plans of its shares left unprobed at a round's deadline). Summed over
 * the nodes, the two counters grow by the number of plans per interval. One instance per node, closed with it.
 */
public final class RoundMetrics implements AutoCloseable {

    private final Timer rounds = Timer.builder("payer_access_plan_probe_round")
        .description("This node's part of each plan-health probe round, from its start to its last finding stored")
        .register(Metrics.globalRegistry);
    private final Counter probed = Counter.builder("payer_access_plan_probes")
        .description("Health plans this node probed in probe rounds")
        .register(Metrics.globalRegistry);
    private final Counter late = Counter.builder("payer_access_plan_probes_late")
        .description("Health plans not probed before their round's deadline (probed in the next round instead)")
        .register(Metrics.globalRegistry);

    void record(RoundOutcome outcome) {
        rounds.record(outcome.duration());
        probed.increment(outcome.probed());
        late.increment(outcome.late());
    }

    @Override
    public void close() {
        Metrics.globalRegistry.remove(rounds);
        Metrics.globalRegistry.remove(probed);
        Metrics.globalRegistry.remove(late);
    }
}
