package dev.payeraccess.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.http.client.utils.DateUtils;

/**
 * How long a plan that answered 429, or 503 with {@code Retry-After}, asks to be left alone (RFC 9110 §10.2.3:
 * {@code Retry-After} is delta-seconds or an HTTP-date), bounded so a missing or absurd value cannot stop a plan
 * for ever or not at all.
 */
public final class RetryAfter {

    /** What a 429 without a readable {@code Retry-After} earns: long enough to matter, short enough to recover. */
    public static final Duration WHEN_UNSAID = Duration.ofSeconds(5);
    /** The longest wait taken from a plan; a plan asking for a day is more likely wrong than down for a day. */
    public static final Duration LONGEST = Duration.ofHours(1);
    /** The shortest: {@code Retry-After} counts whole seconds, and a wait of 0 would not slow anything down. */
    public static final Duration SHORTEST = Duration.ofSeconds(1);

    private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]+");

    private RetryAfter() {
    }

    /**
     * The wait a plan's answer asks for: a 429 always (its {@code Retry-After}, else {@link #WHEN_UNSAID}), a 503
     * only when it says when to come back (a 503 without it is an ordinary failure); any other status none.
     *
     * @param date the answer's {@code Date}: an HTTP-date {@code Retry-After} is counted from the plan's own clock
     *     when it sent one, so a plan whose clock is off from ours still gets the wait it meant
     * @param now this server's clock, for an HTTP-date when the plan sent no {@code Date}
     */
    public static Optional<Duration> askedBy(int status, Optional<String> retryAfter, Optional<String> date,
                                             Instant now) {
        if (status != 429 && status != 503) {
            return Optional.empty(); // every answer comes here: its Date is read only when a wait may be asked
        }
        Instant sent = date.flatMap(RetryAfter::httpDate).orElse(now);
        Optional<Duration> said = retryAfter.flatMap(value -> parse(value, sent));
        return status == 429 ? Optional.of(bounded(said.orElse(WHEN_UNSAID))) : said.map(RetryAfter::bounded);
    }

    /**
     * A {@code Retry-After} value as a wait from {@code now}; empty when it is neither form. A past date is no wait.
     */
    public static Optional<Duration> parse(String value, Instant now) {
        String trimmed = value.trim();
        if (DELTA_SECONDS.matcher(trimmed).matches()) {
            // More digits than a long holds is still a (very long) wait, not an unreadable value.
            return Optional.of(trimmed.length() > 12 ? LONGEST : Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        return httpDate(trimmed).map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    }

    /** IMF-fixdate and the two obsolete forms RFC 9110 §5.6.7 asks recipients to accept. */
    private static Optional<Instant> httpDate(String value) {
        Date parsed = DateUtils.parseDate(value.trim());
        return Optional.ofNullable(parsed).map(Date::toInstant);
    }

    private static Duration bounded(Duration wait) {
        if (wait.compareTo(SHORTEST) < 0) {
            return SHORTEST;
        }
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
