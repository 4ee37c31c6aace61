package dev.payeraccess.renewal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.linkschedule.LinkKey;
import dev.payeraccess.linkschedule.LinkTimes;
import dev.payeraccess.linkschedule.ScheduledLink;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenewalDueTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    private static final RenewalDue DUE = new RenewalDue(Duration.ofMinutes(10), Duration.ofDays(90));
    private static final LinkKey KEY = new LinkKey("realm", "plan", "user");

    private static ScheduledLink link(Instant renewBy, Optional<Instant> lastRead) {
        return link(renewBy, "active", Optional.empty(), NOW.minus(Duration.ofDays(5)), lastRead);
    }

    private static ScheduledLink link(Instant renewBy, String state, Optional<Instant> grantEnds, Instant linkedAt,
                                      Optional<Instant> lastRead) {
        return new ScheduledLink(KEY, new LinkTimes(Optional.of(linkedAt), Optional.of(renewBy), grantEnds, state,
            Optional.empty()), lastRead, linkedAt);
    }

    @Test
    void aLinkDueBeforeTheNextRoundIsRenewedNow() {
        assertTrue(DUE.isDue(link(NOW.minusSeconds(1), Optional.empty()), NOW), "overdue");
        assertTrue(DUE.isDue(link(NOW.plus(Duration.ofMinutes(10)), Optional.empty()), NOW), "due as the next begins");
        assertFalse(DUE.isDue(link(NOW.plus(Duration.ofMinutes(11)), Optional.empty()), NOW), "the next round's");
    }

    @Test
    void aLinkWithoutARenewByIsNeverDue() {
        ScheduledLink none = new ScheduledLink(KEY, new LinkTimes(Optional.of(NOW), Optional.empty(), Optional.empty(),
            "active", Optional.empty()), Optional.empty(), NOW);
        assertFalse(DUE.isDue(none, NOW));
    }

    @Test
    void aLinkThatNeedsReconnectingOrWhoseGrantEndedIsNotRenewed() {
        assertFalse(DUE.isDue(link(NOW, LinkTimes.RELINK_REQUIRED, Optional.empty(), NOW.minusSeconds(60),
            Optional.empty()), NOW));
        assertFalse(DUE.isDue(link(NOW, "active", Optional.of(NOW.minusSeconds(1)), NOW.minusSeconds(60),
            Optional.empty()), NOW));
        assertTrue(DUE.isDue(link(NOW, "refreshable", Optional.of(NOW.plusSeconds(60)), NOW.minusSeconds(60),
            Optional.empty()), NOW));
    }

    @Test
    void renewalStopsAfterTheConfiguredTimeWithoutAnyAppRead() {
        Instant longAgo = NOW.minus(Duration.ofDays(100));
        assertFalse(DUE.isDue(link(NOW, "active", Optional.empty(), longAgo, Optional.empty()), NOW),
            "linked 100 days ago, never read");
        assertFalse(DUE.isDue(link(NOW, "active", Optional.empty(), longAgo,
            Optional.of(NOW.minus(Duration.ofDays(91)))), NOW), "last read 91 days ago");
        assertTrue(DUE.isDue(link(NOW, "active", Optional.empty(), longAgo,
            Optional.of(NOW.minus(Duration.ofDays(89)))), NOW), "read 89 days ago");
        assertTrue(DUE.isDue(link(NOW, "active", Optional.empty(), NOW.minus(Duration.ofDays(89)), Optional.empty()),
            NOW), "linked 89 days ago, never read: still kept");
    }
}
