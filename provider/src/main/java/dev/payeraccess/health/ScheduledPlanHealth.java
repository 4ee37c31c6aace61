package dev.payeraccess.health;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.health.round.ProbeRound;
import dev.payeraccess.health.round.ProbeTarget;
import dev.payeraccess.health.round.ProbeWorkers;
import dev.payeraccess.health.round.RoundMetrics;
import dev.payeraccess.health.round.RoundOutcome;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.plan.PlanProbe;
import dev.payeraccess.schedule.IntervalSchedule;
import dev.payeraccess.schedule.IntervalShares;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Plan health on this node: its part of the probe round every node of the cluster shares per interval, each
 * node's {@code payer_access_plan_status} gauges refreshed from the shared findings at the same interval, and the
 * {@link PlanHealthMonitor} each session sees. One instance per node, made by its factory.
 */
final class ScheduledPlanHealth implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScheduledPlanHealth.class);

    private final Optional<IntervalSchedule> schedule;
    private final Duration interval;
    private final Duration probeTimeout;
    private final Duration findingsLifespan;
    private final ProbeWorkers workers;
    private final RoundMetrics metrics = new RoundMetrics();
    private final PlanStatusGauges gauges = new PlanStatusGauges();
    private final ParsedCapabilities parsedCapabilities = new ParsedCapabilities();
    private volatile ProbeRound round;

    /**
     * @param schedule empty when scheduled probes are off: plans are then probed through the admin API only
     * @param interval between rounds; also the deadline of a round an administrator starts
     */
    ScheduledPlanHealth(Optional<IntervalSchedule> schedule, Duration interval, Duration probeTimeout,
                        ProbeWorkers workers) {
        this.schedule = schedule;
        this.interval = interval;
        this.probeTimeout = probeTimeout;
        this.workers = workers;
        // Kept for three intervals (at least 15 minutes): one missed probe does not make a plan unknown.
        this.findingsLifespan = interval.multipliedBy(3).compareTo(Duration.ofMinutes(15)) < 0
            ? Duration.ofMinutes(15) : interval.multipliedBy(3);
    }

    void start(KeycloakSessionFactory factory) {
        round = new ProbeRound(factory, workers, this::record, metrics);
        if (schedule.isEmpty()) {
            LOG.info("Scheduled health-plan probes are off (intervalSeconds=0); probe plans through the admin API");
            return;
        }
        schedule.get().inShares(factory, (f, shares) -> scheduledRound(f, shares));
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
                PlanHealth health = new PlanHealthCheck(session, findingsLifespan).check(realm,
                    PlanHealthCheck.target(realm, plan, probeTimeout), workers.client(session));
                gauges.set(realm.getName(), plan.getAlias(), health.status());
                return health;
            }

            @Override
            public RoundOutcome checkAll(RealmModel realm) {
                List<ProbeTarget> plans = RealmPlans.enabledPlans(session).stream()
                    .map(plan -> PlanHealthCheck.target(realm, plan, probeTimeout)).toList();
                return round.run(plans, share -> true, 0, Instant.now().plus(interval));
            }
        };
    }

    @Override
    public void close() {
        schedule.ifPresent(IntervalSchedule::close);
        workers.close();
        metrics.close();
        gauges.close();
    }

    /** This node's part of the interval's round: the shares of the plans it claims before the others. */
    private void scheduledRound(KeycloakSessionFactory factory, IntervalShares shares) {
        List<ProbeTarget> plans = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> eachPlan(session,
            (realm, plan) -> plans.add(PlanHealthCheck.target(realm, plan, probeTimeout))));
        RoundOutcome outcome = round.run(plans, shares::claim, shares.number(), shares.deadline());
        if (outcome.late() > 0) {
            LOG.warnf("%d health plans were not probed within the %d-s interval (this node probed %d in %d s): raise "
                + "probeParallelism or intervalSeconds (see the README's Plan health)", outcome.late(),
                interval.toSeconds(), outcome.probed(), outcome.duration().toSeconds());
        }
    }

    /** In a session of the round's own: the finding stored, the gauge set. */
    private void record(KeycloakSession session, ProbeTarget plan, PlanProbe.Result result) {
        RealmModel realm = session.realms().getRealm(plan.realmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        PlanHealth health = new PlanHealthCheck(session, findingsLifespan).record(realm, plan.alias(), result);
        gauges.set(realm.getName(), plan.alias(), health.status());
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
