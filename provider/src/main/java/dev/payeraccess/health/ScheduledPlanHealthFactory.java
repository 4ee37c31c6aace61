package dev.payeraccess.health;

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
 * plan of every realm at a fixed interval (default 5 minutes) on one node of the cluster per interval.
 */
public final class ScheduledPlanHealthFactory implements PlanHealthMonitorFactory {

    static final String INTERVAL_SECONDS = "intervalSeconds";
    static final String PROBE_TIMEOUT_SECONDS = "probeTimeoutSeconds";
    static final int DEFAULT_INTERVAL_SECONDS = 300;
    static final int DEFAULT_PROBE_TIMEOUT_SECONDS = 10;

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
        Optional<IntervalSchedule> schedule = interval.isZero() || interval.isNegative() ? Optional.empty()
            : Optional.of(new IntervalSchedule("payer-access-plan-health", interval));
        health = new ScheduledPlanHealth(schedule, interval, probeTimeout);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        health.start(factory);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(INTERVAL_SECONDS).type("int").defaultValue(DEFAULT_INTERVAL_SECONDS)
            .helpText("Seconds between probes of each enabled health plan (one node of a cluster probes); 0 turns "
                + "the scheduled probes off").add()
            .property().name(PROBE_TIMEOUT_SECONDS).type("int").defaultValue(DEFAULT_PROBE_TIMEOUT_SECONDS)
            .helpText("The longest a probe waits for each of a plan's two documents (its own timeout when shorter)")
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
