package dev.payeraccess.renewal;

import dev.payeraccess.linkschedule.LinkTimes;
import dev.payeraccess.linkschedule.ScheduledLink;
import java.time.Duration;
import java.time.Instant;

/**
 * Which links a round renews: those whose renew-by comes before the next round could renew them, that still hold a
 * usable grant, and that an app read (or the member linked) within {@code stopAfterUnread}: a member who left is not
 * kept linked forever. Pure.
 *
 * @param interval the time between two rounds
 * @param stopAfterUnread how long a link is kept alive without any app reading through it
 */
record RenewalDue(Duration interval, Duration stopAfterUnread) {

    /** A round renews every link whose renew-by is at or before this. */
    Instant horizon(Instant now) {
        return now.plus(interval);
    }

    boolean isDue(ScheduledLink link, Instant now) {
        LinkTimes times = link.times();
        return !LinkTimes.RELINK_REQUIRED.equals(times.state())
            && times.renewBy().map(by -> !by.isAfter(horizon(now))).orElse(false)
            && times.grantEndsAt().map(end -> end.isAfter(now)).orElse(true)
            && isStillRead(link, now);
    }

    /** Whether an app read through the link (or the member linked) within {@link #stopAfterUnread}. */
    boolean isStillRead(ScheduledLink link, Instant now) {
        return link.lastActivity().plus(stopAfterUnread).isAfter(now);
    }
}
