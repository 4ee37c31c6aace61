package dev.payeraccess.health;

import dev.payeraccess.health.round.ProbeWorkers;
import dev.payeraccess.schedule.IntervalSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Creates the {@link PlanHealthMonitor} of this node: one {@link ScheduledPlanHealth}, which probes every enabled
 * plan of every realm at a fixed interval (default 5 minutes), the nodes of the cluster sharing each interval's
 * plans, each node {@value #PROBE_PARALLELISM} probes at a time.
 */
public final class ScheduledPlanHealthFactory implements PlanHealthMonitorFactory {

    static final String INTERVAL_SECONDS = "intervalSeconds";
    static final String PROBE_TIMEOUT_SECONDS = "probeTimeoutSeconds";
    static final int DEFAULT_INTERVAL_SECONDS = 300;
    static final int DEFAULT_PROBE_TIMEOUT_SECONDS = 10;
    static final String PROBE_PARALLELISM = "probeParallelism";
    /**
     * Probes at once on a node, each on a connection of the probe's own: a quarter of the proxy's own pool
     * ({@code maxConnections}, 64) and an eighth of Keycloak's ({@code connection-pool-size}, 128), so a round adds
     * at most 16 connections to a node's outbound ones and takes none of theirs. At 2 s per document it covers
     * 16 * 300 / 4 = 1,200 plans per node in the default interval.
     */
    static final int DEFAULT_PROBE_PARALLELISM = 16;

    private ScheduledPlanHealth health;

    @Override
    public String getId() {
        return "scheduled";
    }

    @Override
    public PlanHealthMonitor create(KeycloakSession session) {
        return health.forSession(session);
    }

    @Override
    public void init(Config.Scope config) {
        Duration interval = Duration.ofSeconds(config.getInt(INTERVAL_SECONDS, DEFAULT_INTERVAL_SECONDS));
        Duration probeTimeout = Duration.ofSeconds(config.getInt(PROBE_TIMEOUT_SECONDS,
            DEFAULT_PROBE_TIMEOUT_SECONDS));
        int parallelism = config.getInt(PROBE_PARALLELISM, DEFAULT_PROBE_PARALLELISM);
        if (parallelism < 1) {
            throw new IllegalArgumentException("--spi-payer-access-plan-health--scheduled--probe-parallelism must be "
                + "at least 1 (default " + DEFAULT_PROBE_PARALLELISM + ")");
        }
        boolean off = interval.isZero() || interval.isNegative();
        Optional<IntervalSchedule> schedule = off ? Optional.empty()
            : Optional.of(new IntervalSchedule("payer-access-plan-health", interval));
        // Without a schedule, a round an administrator starts still ends within the default interval.
        health = new ScheduledPlanHealth(schedule, off ? Duration.ofSeconds(DEFAULT_INTERVAL_SECONDS) : interval,
            probeTimeout, new ProbeWorkers(parallelism));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        health.start(factory);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(INTERVAL_SECONDS).type("int").defaultValue(DEFAULT_INTERVAL_SECONDS)
            .helpText("Seconds between probes of each enabled health plan (the nodes of a cluster share each "
                + "interval's plans); 0 turns the scheduled probes off").add()
            .property().name(PROBE_TIMEOUT_SECONDS).type("int").defaultValue(DEFAULT_PROBE_TIMEOUT_SECONDS)
            .helpText("The longest a probe waits for each of a plan's two documents, to its last byte (the plan's own "
                + "timeout when shorter)")
            .add()
            .property().name(PROBE_PARALLELISM).type("int").defaultValue(DEFAULT_PROBE_PARALLELISM)
            .helpText("Plans one node probes at once, each on a connection of the probes' own (apart from Keycloak's "
                + "and the proxy's pools); a node covers about parallelism * interval / (2 * plan latency) plans "
                + "per interval")
            .add()
            .build();
    }

    @Override
    public void close() {
        if (health != null) {
            health.close();
        }
    }
}
