package dev.payeraccess.schedule;

import java.time.Duration;
import java.time.Instant;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * One interval of a round that every node of the cluster takes part in ({@link IntervalSchedule#inShares}): the
 * round's work is cut into numbered shares, and each share goes to the one node that claims it first in
 * Keycloak's cluster-wide single-use store, so no share is done twice in an interval and the nodes that have time
 * take the rest. Intervals are aligned to the epoch (interval {@code n} runs from {@code n * interval} to
 * {@code (n + 1) * interval}), the same on every node, whenever each started.
 */
public final class IntervalShares {

    private final KeycloakSessionFactory factory;
    private final String name;
    private final Duration interval;
    private final long number;

    IntervalShares(KeycloakSessionFactory factory, String name, Duration interval, long number) {
        this.factory = factory;
        this.name = name;
        this.interval = interval;
        this.number = number;
    }

    /** The interval's number since the epoch: the same on every node, so a round can order its shares by it. */
    public long number() {
        return number;
    }

    /** When the interval ends: the round's work should be done by then, and the next interval's begins. */
    public Instant deadline() {
        return Instant.ofEpochMilli((number + 1) * interval.toMillis());
    }

    /**
     * Claims share {@code share} of this interval for this node, in a short transaction of its own.
     *
     * @return true for the one node of the cluster that claims it first in this interval
     */
    public boolean claim(int share) {
        long lifespanSeconds = Math.max(1, interval.toSeconds() * 2);
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> session.singleUseObjects()
            .putIfAbsent(name + ".share::" + number + "::" + share, lifespanSeconds));
    }

    /** The number of the interval {@code at} falls in. */
    static long numberAt(Instant at, Duration interval) {
        return at.toEpochMilli() / interval.toMillis();
    }
}
