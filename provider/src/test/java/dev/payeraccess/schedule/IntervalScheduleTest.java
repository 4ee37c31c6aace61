package dev.payeraccess.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntervalScheduleTest {

    @Test
    void aNodeLooksForANewIntervalATenthOfItApartWithinOneAndThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), new IntervalSchedule("t", Duration.ofMinutes(5)).tick());
        assertEquals(Duration.ofSeconds(3), new IntervalSchedule("t", Duration.ofSeconds(30)).tick());
        assertEquals(Duration.ofSeconds(1), new IntervalSchedule("t", Duration.ofSeconds(2)).tick());
        assertEquals(Duration.ofSeconds(30), new IntervalSchedule("t", Duration.ofHours(1)).tick());
    }

    @Test
    void intervalsAreAlignedToTheEpochSoEveryNodeNumbersThemAlike() {
        Duration interval = Duration.ofSeconds(300);
        Instant at = Instant.parse("2026-12-06T13:02:30Z");
        long number = IntervalShares.numberAt(at, interval);

        assertEquals(Instant.parse("2026-12-06T13:05:00Z"), new IntervalShares(null, "t", interval, number).deadline());
        assertEquals(number, IntervalShares.numberAt(Instant.parse("2026-12-06T13:00:00Z"), interval));
        assertEquals(number + 1, IntervalShares.numberAt(Instant.parse("2026-12-06T13:05:00Z"), interval));
    }
}
