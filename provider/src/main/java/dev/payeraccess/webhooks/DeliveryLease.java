package dev.payeraccess.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A node's claim on one message while it delivers it: until {@code until}, no other node may take the message. The
 * claim outlives the longest delivery (the timeout plus a margin), so a live node's claim never runs out mid
 * delivery; a node killed while holding it leaves the message to the next node once it ends: at least once, one
 * node at a time. The store takes a claim with one conditional update, so two nodes never both win it.
 *
 * @param node the claiming node's id (random per node start)
 */
public record DeliveryLease(String node, Instant until) {

    /**
     * How much longer than the delivery timeout a claim lasts: the delivery is cut off at the timeout, and recording
     * its outcome is one short transaction. A claim that still ran out would only mean a second delivery of the same
     * {@code webhook-id}, which receivers take as the one message (at least once).
     */
    static final Duration MARGIN = Duration.ofSeconds(10);

    /** A claim taken at {@code now} by {@code node} for a delivery that may take {@code timeout}. */
    static DeliveryLease take(String node, Instant now, Duration timeout) {
        return new DeliveryLease(node, now.plus(timeout).plus(MARGIN));
    }

    /** Whether a message holding {@code current} (none when empty) may be claimed at {@code now}. */
    static boolean free(Optional<DeliveryLease> current, Instant now) {
        return current.map(lease -> !lease.until().isAfter(now)).orElse(true);
    }
}
