package dev.payeraccess.it;

import java.time.Duration;
import java.time.Instant;

/**
 * What the extension writes after an answer has been streamed (its audit event, its metric) lands a moment after
 * the app read the last byte: a check of it retries for a short while instead of racing the server.
 */
final class Eventually {

    /** A check that throws {@link AssertionError} until what it looks for is there. */
    interface Check<T> {
        T run() throws Exception;
    }

    private Eventually() {
    }

    /** The check's result once it passes, or its last {@link AssertionError} after {@code wait}. */
    static <T> T within(Duration wait, Check<T> check) throws Exception {
        Instant until = Instant.now().plus(wait);
        while (true) {
            try {
                return check.run();
            } catch (AssertionError | RuntimeException notYet) {
                if (Instant.now().isAfter(until)) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }
}
