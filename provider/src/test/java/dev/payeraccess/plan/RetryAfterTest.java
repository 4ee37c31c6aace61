package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    /** Tue, 01 Dec 2026 08:49:37 GMT. */
    private static final Instant NOW = Instant.parse("2026-12-01T08:49:37Z");

    private static Optional<Duration> askedBy(int status, String retryAfter) {
        return RetryAfter.askedBy(status, Optional.ofNullable(retryAfter), Optional.empty(), NOW);
    }

    @Test
    void readsDeltaSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse("3", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", NOW));
    }

    @Test
    void readsTheThreeHttpDateForms() {
        Duration minute = Duration.ofMinutes(1);
        assertEquals(Optional.of(minute), RetryAfter.parse("Tue, 01 Dec 2026 08:50:37 GMT", NOW), "IMF-fixdate");
        assertEquals(Optional.of(minute), RetryAfter.parse("Tuesday, 01-Dec-26 08:50:37 GMT", NOW), "RFC 850");
        assertEquals(Optional.of(minute), RetryAfter.parse("Tue Dec  1 08:50:37 2026", NOW), "asctime");
    }

    @Test
    void aDateInThePastIsNoWait() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Tue, 01 Dec 2026 08:00:00 GMT", NOW));
    }

    @Test
    void somethingElseIsNotRead() {
        assertEquals(Optional.empty(), RetryAfter.parse("-3", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("3.5", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
    }

    @Test
    void a429WaitsWhatThePlanSaid() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), askedBy(429, "3"));
    }

    @Test
    void a429WithoutAReadableRetryAfterWaitsTheDefault() {
        assertEquals(Optional.of(RetryAfter.WHEN_UNSAID), askedBy(429, null));
        assertEquals(Optional.of(RetryAfter.WHEN_UNSAID), askedBy(429, "tomorrow-ish"));
    }

    @Test
    void a503WaitsOnlyWhenThePlanSaysHowLong() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), askedBy(503, "30"));
        assertEquals(Optional.empty(), askedBy(503, null), "a bare 503 is an ordinary plan failure");
        assertEquals(Optional.empty(), askedBy(503, "later"));
    }

    @Test
    void otherStatusesAskForNothing() {
        assertEquals(Optional.empty(), askedBy(200, "3"));
        assertEquals(Optional.empty(), askedBy(500, "3"));
        assertEquals(Optional.empty(), askedBy(404, null));
    }

    @Test
    void absurdWaitsAreCappedAndNoWaitIsTheShortest() {
        assertEquals(Optional.of(RetryAfter.LONGEST), askedBy(429, "86400"));
        assertEquals(Optional.of(RetryAfter.LONGEST), askedBy(429, "99999999999999999999999"));
        assertEquals(Optional.of(RetryAfter.LONGEST), askedBy(503, "Fri, 31 Dec 9999 23:59:59 GMT"));
        assertEquals(Optional.of(RetryAfter.SHORTEST), askedBy(429, "0"));
        assertEquals(Optional.of(RetryAfter.SHORTEST), askedBy(429, "Tue, 01 Dec 2026 08:00:00 GMT"));
    }

    @Test
    void anHttpDateCountsFromThePlansOwnClockWhenItSentOne() {
        // The plan's clock is 10 minutes ahead of ours; it means "one minute from when I answered".
        Optional<Duration> wait = RetryAfter.askedBy(429, Optional.of("Tue, 01 Dec 2026 09:00:37 GMT"),
            Optional.of("Tue, 01 Dec 2026 08:59:37 GMT"), NOW);

        assertEquals(Optional.of(Duration.ofMinutes(1)), wait);
    }
}
