package dev.payeraccess.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after 5 seconds, 5 minutes, 30 minutes, 2 hours, 5 hours, 10 hours and
 * 10 hours (the schedule the Standard Webhooks guide suggests), so a message is tried 8 times over about 27.5
 * hours, at least a day. After the last failure the message has failed and its subscription is disabled.
 */
final class RetrySchedule {

    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
        Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
        Duration.ofHours(10));

    private RetrySchedule() {
    }

    /**
     * @param attempts how many attempts have failed so far (1 after the first)
     * @return how long to wait before the next attempt; empty when the message has had its last attempt
     */
    static Optional<Duration> afterFailures(int attempts) {
        return attempts >= 1 && attempts <= DELAYS.size() ? Optional.of(DELAYS.get(attempts - 1)) : Optional.empty();
    }

    /** From the first attempt to the last: what "retried for at least a day" amounts to. */
    static Duration span() {
        return DELAYS.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
