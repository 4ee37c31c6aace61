package dev.payeraccess.reconnect;

import dev.payeraccess.linkschedule.LinkTimes;
import dev.payeraccess.linkschedule.ScheduledLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which of a member's links the prompt asks to reconnect: those the plan asked to connect again
 * ({@code relink-required}) and those whose grant ends within {@code window}, or within the last half of the grant
 * when that is shorter (a plan granting one day is not asked about the moment the member linked: reconnecting then
 * would not give a later end). Nothing while the member has postponed the prompt. Pure: it sees schedule rows, never
 * a link.
 *
 * @param window how long before a grant ends the member is asked
 */
public record ReconnectDue(Duration window) {

    /** Why a link is shown, in the member's words (see {@code ReconnectPage}). */
    public enum Why { PLAN_ASKED, CONNECTION_ENDS }

    /** One link to reconnect: its plan, why, and the grant's end when known. */
    public record Reconnect(String alias, Why why, Optional<Instant> endsAt) {
    }

    /** The links to ask about now; empty while {@code postponedUntil} is after {@code now}. */
    public List<Reconnect> due(List<ScheduledLink> rows, Instant now, Optional<Instant> postponedUntil) {
        if (postponedUntil.filter(now::isBefore).isPresent()) {
            return List.of();
        }
        return rows.stream().map(row -> reconnect(row, now)).flatMap(Optional::stream).toList();
    }

    private Optional<Reconnect> reconnect(ScheduledLink row, Instant now) {
        Optional<Instant> endsAt = row.times().grantEndsAt();
        if (LinkTimes.RELINK_REQUIRED.equals(row.times().state())) {
            return Optional.of(new Reconnect(row.key().alias(), Why.PLAN_ASKED, endsAt));
        }
        return endsAt.filter(end -> !end.isAfter(now.plus(lead(row, end))))
            .map(end -> new Reconnect(row.key().alias(), Why.CONNECTION_ENDS, Optional.of(end)));
    }

    /** How long before the grant's end the member is asked: the window, or half the grant when that is shorter. */
    private Duration lead(ScheduledLink row, Instant end) {
        Optional<Duration> half = row.times().linkedAt().map(linked -> Duration.between(linked, end).dividedBy(2));
        return half.filter(h -> h.compareTo(window) < 0).orElse(window);
    }
}
