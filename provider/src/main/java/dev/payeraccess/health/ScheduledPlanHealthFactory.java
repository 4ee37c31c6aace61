package dev.payeraccess.health;

import dev.payeraccess.broker.PayerIdentityProviderConfig;
import dev.payeraccess.broker.PayerPlans;
import dev.payeraccess.plan.PlanCapabilities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Probes every enabled plan of every realm at a fixed interval (default 5 minutes). Each node schedules the
 * probe with Keycloak's timer, wrapped in Keycloak's {@code ClusterAwareScheduledTaskRunner}, and the first node to
 * claim an interval probes in it, so one node of a cluster runs each probe; each node also refreshes its own
 * {@code payer_access_plan_status} gauges from the shared findings at the same interval.
 */
public final class ScheduledPlanHealthFactory implements PlanHealthMonitorFactory {

    static final String INTERVAL_SECONDS = "intervalSeconds";
    static final String PROBE_TIMEOUT_SECONDS = "probeTimeoutSeconds";
    static final int DEFAULT_INTERVAL_SECONDS = 300;
    static final int DEFAULT_PROBE_TIMEOUT_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(ScheduledPlanHealthFactory.class);
    /** Keycloak's runner that lets one node of the cluster run a task per interval (in every 26.x distribution). */
    private static final String CLUSTER_AWARE_RUNNER = "org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner";

    private Duration interval;
    private Duration probeTimeout;
    private final PlanStatusGauges gauges = new PlanStatusGauges();
    /** One round at a time on this node; a round still running when the next interval comes is not doubled. */
    private final AtomicBoolean roundRunning = new AtomicBoolean();
    private final ExecutorService probes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "payer-access-plan-probes");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public String getId() {
        return "scheduled";
    }

    @Override
    public PlanHealthMonitor create(KeycloakSession session) {
        return new PlanHealthMonitor() {
            @Override
            public Optional<PlanHealth> health(RealmModel realm, String alias) {
                return new PlanHealthStore(session).health(realm.getId(), alias);
            }

            @Override
            public Optional<PlanCapabilities> capabilities(RealmModel realm, String alias) {
                return new PlanHealthStore(session).capabilities(realm.getId(), alias);
            }

            @Override
            public PlanHealth checkNow(RealmModel realm, PayerIdentityProviderConfig plan) {
                PlanHealth health = check(session).check(realm, plan);
                gauges.set(realm.getName(), plan.getAlias(), health.status());
                return health;
            }
        };
    }

    private PlanHealthCheck check(KeycloakSession session) {
        // Kept for three intervals (at least 15 minutes): one missed probe does not make a plan unknown.
        Duration lifespan = interval.multipliedBy(3).compareTo(Duration.ofMinutes(15)) < 0
            ? Duration.ofMinutes(15) : interval.multipliedBy(3);
        return new PlanHealthCheck(session, probeTimeout, lifespan);
    }

    @Override
    public void init(Config.Scope config) {
        interval = Duration.ofSeconds(config.getInt(INTERVAL_SECONDS, DEFAULT_INTERVAL_SECONDS));
        probeTimeout = Duration.ofSeconds(config.getInt(PROBE_TIMEOUT_SECONDS, DEFAULT_PROBE_TIMEOUT_SECONDS));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (interval.isZero() || interval.isNegative()) {
            LOG.info("Scheduled health-plan probes are off (intervalSeconds=0); probe plans through the admin API");
            return;
        }
        long millis = interval.toMillis();
        // The timer task only claims the interval and hands the round to this factory's own thread: a plan that
        // answers slowly then holds that thread, never Keycloak's timer, which runs Keycloak's own cleanups too.
        ScheduledTask probe = new NamedTask("payer-access-plan-health", session -> {
            // A node still busy with its last round leaves the interval to the others.
            if (!roundRunning.get() && claimedThisInterval(session) && roundRunning.compareAndSet(false, true)) {
                probes.execute(() -> {
                    try {
                        probeRound(factory);
                    } finally {
                        roundRunning.set(false);
                    }
                });
            }
        });
        ScheduledTask refresh = new NamedTask("payer-access-plan-status-gauges", session -> eachPlan(session,
            (realm, plan) -> gauges.set(realm.getName(), plan.getAlias(), new PlanHealthStore(session)
                .health(realm.getId(), plan.getAlias()).map(PlanHealth::status).orElse(PlanStatus.UNKNOWN))));
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            timer.schedule(clusterAware(factory, probe, millis), millis, probe.getTaskName());
            timer.schedule(new ScheduledTaskRunner(factory, refresh), millis, refresh.getTaskName());
        });
    }

    /**
     * Keycloak's cluster-aware runner keeps two nodes from probing at the same time, but each node's timer fires
     * once per interval at its own moment, so both would probe every interval. The first node to claim the current
     * interval in the cluster-wide single-use store probes; the others skip it.
     */
    private boolean claimedThisInterval(KeycloakSession session) {
        long seconds = interval.toSeconds();
        long slot = System.currentTimeMillis() / 1000 / seconds;
        return session.singleUseObjects().putIfAbsent("payer-access.plan-health.interval::" + slot, seconds * 2);
    }

    private static TaskRunner clusterAware(KeycloakSessionFactory factory, ScheduledTask task, long intervalMillis) {
        try {
            // Keycloak ships the class in its distribution but publishes no library with it, so it is looked up.
            return (TaskRunner) Class.forName(CLUSTER_AWARE_RUNNER)
                .getConstructor(KeycloakSessionFactory.class, ScheduledTask.class, long.class)
                .newInstance(factory, task, intervalMillis);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("This Keycloak lacks " + CLUSTER_AWARE_RUNNER + "; plan probes need it", e);
        }
    }

    /** Each plan in a transaction of its own, so a slow plan keeps no transaction of the others open. */
    private void probeRound(KeycloakSessionFactory factory) {
        List<String[]> plans = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> eachPlan(session,
            (realm, plan) -> plans.add(new String[] {realm.getId(), plan.getAlias()})));
        for (String[] plan : plans) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(plan[0]);
                    if (realm == null) {
                        return;
                    }
                    session.getContext().setRealm(realm);
                    PayerPlans.enabled(session, plan[1]).ifPresent(config -> gauges.set(realm.getName(),
                        config.getAlias(), check(session).check(realm, config).status()));
                });
            } catch (RuntimeException e) {
                LOG.warnf("Probing health plan %s failed: %s", plan[1], e.getClass().getSimpleName());
            }
        }
    }

    private interface PlanVisit {
        void visit(RealmModel realm, PayerIdentityProviderConfig plan);
    }

    /** Every enabled plan of every realm, each realm set as the session's so its identity providers are read. */
    private static void eachPlan(KeycloakSession session, PlanVisit visit) {
        List<RealmModel> realms = session.realms().getRealmsStream().toList();
        for (RealmModel realm : realms) {
            session.getContext().setRealm(realm);
            for (PayerIdentityProviderConfig plan : PayerPlans.enabledPlans(session)) {
                try {
                    visit.visit(realm, plan);
                } catch (RuntimeException e) {
                    LOG.warnf("Probing health plan %s of realm %s failed: %s", plan.getAlias(), realm.getName(),
                        e.getClass().getSimpleName());
                }
            }
        }
    }

    private record NamedTask(String name, org.keycloak.models.KeycloakSessionTask body) implements ScheduledTask {

        @Override
        public void run(KeycloakSession session) {
            body.run(session);
        }

        @Override
        public String getTaskName() {
            return name;
        }
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
        probes.shutdownNow();
        gauges.close();
    }
}
