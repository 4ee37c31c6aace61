package dev.payeraccess.reconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.payeraccess.linkschedule.LinkKey;
import dev.payeraccess.linkschedule.LinkTimes;
import dev.payeraccess.linkschedule.ScheduledLink;
import dev.payeraccess.reconnect.ReconnectDue.Reconnect;
import dev.payeraccess.reconnect.ReconnectDue.Why;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconnectDueTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    private static final ReconnectDue DUE = new ReconnectDue(Duration.ofDays(14));

    private static ScheduledLink link(String alias, String state, Optional<Instant> grantEnds) {
        return new ScheduledLink(new LinkKey("realm", alias, "user"), new LinkTimes(Optional.of(NOW.minus(
            Duration.ofDays(300))), Optional.empty(), grantEnds, state, Optional.empty()), Optional.empty(), NOW);
    }

    @Test
    void aGrantEndingWithinTheWindowIsAskedAboutAndOneEndingLaterIsNot() {
        Instant inWindow = NOW.plus(Duration.ofDays(14));
        List<Reconnect> due = DUE.due(List.of(link("ending", "active", Optional.of(inWindow)),
            link("later", "active", Optional.of(NOW.plus(Duration.ofDays(15)))),
            link("endless", "refreshable", Optional.empty())), NOW, Optional.empty());
        assertEquals(List.of(new Reconnect("ending", Why.CONNECTION_ENDS, Optional.of(inWindow))), due);
    }

    @Test
    void aShortGrantIsAskedAboutInItsLastHalfNotRightAfterLinking() {
        Instant linked = NOW.minus(Duration.ofHours(1));
        Instant ends = linked.plus(Duration.ofDays(1));
        ScheduledLink oneDay = new ScheduledLink(new LinkKey("realm", "short", "user"), new LinkTimes(
            Optional.of(linked), Optional.empty(), Optional.of(ends), "active", Optional.empty()), Optional.empty(),
            linked);
        assertEquals(List.of(), DUE.due(List.of(oneDay), NOW, Optional.empty()), "just linked");
        assertEquals(1, DUE.due(List.of(oneDay), ends.minus(Duration.ofHours(12)), Optional.empty()).size(),
            "half-way through");
    }

    @Test
    void aGrantThatEndedAlreadyIsAskedAbout() {
        Instant ended = NOW.minusSeconds(60);
        assertEquals(List.of(new Reconnect("ended", Why.CONNECTION_ENDS, Optional.of(ended))),
            DUE.due(List.of(link("ended", "active", Optional.of(ended))), NOW, Optional.empty()));
    }

    @Test
    void aLinkThePlanAskedToConnectAgainIsAskedAboutWhateverItsGrant() {
        assertEquals(List.of(new Reconnect("refused", Why.PLAN_ASKED, Optional.empty())),
            DUE.due(List.of(link("refused", LinkTimes.RELINK_REQUIRED, Optional.empty())), NOW, Optional.empty()));
    }

    @Test
    void nothingIsAskedWhileTheMemberPostponedThePrompt() {
        List<ScheduledLink> rows = List.of(link("refused", LinkTimes.RELINK_REQUIRED, Optional.empty()));
        assertEquals(List.of(), DUE.due(rows, NOW, Optional.of(NOW.plusSeconds(1))), "postponed");
        assertEquals(1, DUE.due(rows, NOW, Optional.of(NOW)).size(), "the postponement is over");
        assertEquals(1, DUE.due(rows, NOW, Optional.of(NOW.minus(Duration.ofDays(1)))).size(), "long over");
    }

    @Test
    void aMemberWithoutLinksIsNeverAsked() {
        assertEquals(List.of(), DUE.due(List.of(), NOW, Optional.empty()));
    }
}
