package dev.payeraccess.renewal;

import dev.payeraccess.schedule.IntervalSchedule;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Background renewal on this node: a {@link RenewalRound} on one node of the cluster per interval, the first one
 * after start preceded by the {@link LinkBackfill}. One instance per node, made by its factory.
 */
final class ScheduledLinkRenewal implements LinkRenewal, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScheduledLinkRenewal.class);

    private final Optional<IntervalSchedule> schedule;
    private final RenewalDue due;
    private final int maxPerRound;
    private final Duration grantEndingWindow;
    private final AtomicBoolean backfilled = new AtomicBoolean();

    /**
     * @param schedule empty when background renewal is off
     * @param grantEndingWindow how long before a member's grant ends {@code link.grant_ending} is recorded
     */
    ScheduledLinkRenewal(Optional<IntervalSchedule> schedule, RenewalDue due, int maxPerRound,
                         Duration grantEndingWindow) {
        this.schedule = schedule;
        this.due = due;
        this.maxPerRound = maxPerRound;
        this.grantEndingWindow = grantEndingWindow;
    }

    void start(KeycloakSessionFactory factory) {
        if (schedule.isEmpty()) {
            LOG.info("Background renewal of health-plan links is off (intervalSeconds=0): links whose refresh tokens "
                + "lapse when unused are renewed only when an app reads");
            return;
        }
        schedule.get().onOneNode(factory, this::round);
    }

    /** A round that fails (the database is unreachable, the node is stopping) is tried again at the next interval. */
    private void round(KeycloakSessionFactory factory) {
        try {
            if (!backfilled.get()) {
                new LinkBackfill(factory).run();
                backfilled.set(true);
            }
            new RenewalRound(factory, due, maxPerRound).run();
            new GrantEndingNotices(factory, grantEndingWindow, maxPerRound).run();
        } catch (RuntimeException e) {
            LOG.warnf("A round of background renewal of health-plan links failed: %s", e.getClass().getSimpleName());
        }
    }

    @Override
    public Optional<Duration> interval() {
        return schedule.map(IntervalSchedule::interval);
    }

    @Override
    public Duration stopAfterUnread() {
        return due.stopAfterUnread();
    }

    @Override
    public void close() {
        schedule.ifPresent(IntervalSchedule::close);
    }
}
