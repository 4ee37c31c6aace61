package dev.payeraccess.health;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.schedule.IntervalSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Plan health on this node: the probe round one node of the cluster runs per interval, each node's
 * {@code payer_access_plan_status} gauges refreshed from the shared findings at the same interval, and the
 * {@link PlanHealthMonitor} each session sees. One instance per node, made by its factory.
 */
final class ScheduledPlanHealth implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScheduledPlanHealth.class);

    private final Optional<IntervalSchedule> schedule;
    private final Duration probeTimeout;
    private final Duration findingsLifespan;
    private final PlanStatusGauges gauges = new PlanStatusGauges();
    private final ParsedCapabilities parsedCapabilities = new ParsedCapabilities();

    /** @param schedule empty when scheduled probes are off: plans are then probed through the admin API only */
    ScheduledPlanHealth(Optional<IntervalSchedule> schedule, Duration interval, Duration probeTimeout) {
        this.schedule = schedule;
        this.probeTimeout = probeTimeout;
        // Kept for three intervals (at least 15 minutes): one missed probe does not make a plan unknown.
        this.findingsLifespan = interval.multipliedBy(3).compareTo(Duration.ofMinutes(15)) < 0
            ? Duration.ofMinutes(15) : interval.multipliedBy(3);
    }

    void start(KeycloakSessionFactory factory) {
        if (schedule.isEmpty()) {
            LOG.info("Scheduled health-plan probes are off (intervalSeconds=0); probe plans through the admin API");
            return;
        }
        schedule.get().onOneNode(factory, this::probeRound);
        schedule.get().onEveryNode(factory, "payer-access-plan-status-gauges", session -> eachPlan(session,
            (realm, plan) -> gauges.set(realm.getName(), plan.getAlias(), new PlanHealthStore(session)
                .health(realm.getId(), plan.getAlias()).map(PlanHealth::status).orElse(PlanStatus.UNKNOWN))));
    }

    PlanHealthMonitor forSession(KeycloakSession session) {
        return new PlanHealthMonitor() {
            @Override
            public Optional<PlanHealth> health(RealmModel realm, String alias) {
                return new PlanHealthStore(session).health(realm.getId(), alias);
            }

            @Override
            public Optional<PlanCapabilities> capabilities(RealmModel realm, String alias) {
                return new PlanHealthStore(session).capabilities(realm.getId(), alias, parsedCapabilities);
            }

            @Override
            public PlanHealth checkNow(RealmModel realm, PlanIdentityProviderConfig plan) {
                PlanHealth health = check(session).check(realm, plan);
                gauges.set(realm.getName(), plan.getAlias(), health.status());
                return health;
            }
        };
    }

    @Override
    public void close() {
        schedule.ifPresent(IntervalSchedule::close);
        gauges.close();
    }

    private PlanHealthCheck check(KeycloakSession session) {
        return new PlanHealthCheck(session, probeTimeout, findingsLifespan);
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
                    RealmPlans.enabled(session, plan[1]).ifPresent(config -> gauges.set(realm.getName(),
                        config.getAlias(), check(session).check(realm, config).status()));
                });
            } catch (RuntimeException e) {
                LOG.warnf("Probing health plan %s failed: %s", plan[1], e.getClass().getSimpleName());
            }
        }
    }

    private interface PlanVisit {
        void visit(RealmModel realm, PlanIdentityProviderConfig plan);
    }

    /** Every enabled plan of every realm, each realm set as the session's so its identity providers are read. */
    private static void eachPlan(KeycloakSession session, PlanVisit visit) {
        List<RealmModel> realms = session.realms().getRealmsStream().toList();
        for (RealmModel realm : realms) {
            session.getContext().setRealm(realm);
            for (PlanIdentityProviderConfig plan : RealmPlans.enabledPlans(session)) {
                try {
                    visit.visit(realm, plan);
                } catch (RuntimeException e) {
                    LOG.warnf("Probing health plan %s of realm %s failed: %s", plan.getAlias(), realm.getName(),
                        e.getClass().getSimpleName());
                }
            }
        }
    }
}
