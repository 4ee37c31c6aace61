package dev.payeraccess.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void retriesSoonThenBacksOffForMoreThanADay() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), RetrySchedule.afterFailures(1));
        assertEquals(Optional.of(Duration.ofMinutes(5)), RetrySchedule.afterFailures(2));
        for (int attempt = 2; attempt <= RetrySchedule.DELAYS.size(); attempt++) {
            assertTrue(RetrySchedule.afterFailures(attempt).orElseThrow()
                .compareTo(RetrySchedule.afterFailures(attempt - 1).orElseThrow()) >= 0, "never sooner than before");
        }
        assertTrue(RetrySchedule.span().compareTo(Duration.ofDays(1)) > 0, RetrySchedule.span().toString());
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertEquals(Optional.empty(), RetrySchedule.afterFailures(RetrySchedule.DELAYS.size() + 1));
        assertEquals(Optional.empty(), RetrySchedule.afterFailures(0));
    }

    @Test
    void onlyATwoHundredDeliversAndOnly410DisablesAtOnce() {
        assertEquals(DeliveryVerdict.DELIVERED, DeliveryVerdict.of(200));
        assertEquals(DeliveryVerdict.DELIVERED, DeliveryVerdict.of(204));
        assertEquals(DeliveryVerdict.GONE, DeliveryVerdict.of(410));
        for (int status : new int[] {301, 302, 307, 308, 400, 401, 404, 429, 500, 503}) {
            assertEquals(DeliveryVerdict.RETRY, DeliveryVerdict.of(status), "HTTP " + status);
        }
        assertEquals(DeliveryVerdict.RETRY, DeliveryAttempt.failed("timed out").verdict());
        assertEquals(Optional.of("redirect not followed (HTTP 302)"), DeliveryAttempt.answered(302).error());
    }
}
