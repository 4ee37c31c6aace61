package dev.payeraccess.linkschedule;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the link schedule as read.
 *
 * @param lastAppRead when an app last read through the link, as marked (at most once per mark interval per node)
 * @param updatedAt when the link's tokens last changed (or the row was first written)
 */
public record ScheduledLink(LinkKey key, LinkTimes times, Optional<Instant> lastAppRead, Instant updatedAt) {

    /** The last sign of the member: an app's read, else linking, else the row's last change. */
    public Instant lastActivity() {
        Instant linked = times.linkedAt().orElse(updatedAt);
        return lastAppRead.filter(read -> read.isAfter(linked)).orElse(linked);
    }
}
