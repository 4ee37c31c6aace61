package dev.payeraccess.sandbox.control;

import java.time.Duration;
import java.util.Objects;

/**
 * Keep-alive connections idle for {@code after} are ended, {@code how} says whether the client can tell.
 *
 * @param after how long a connection may stay idle between an answer and the next request on it
 */
public record IdleLimit(Duration after, IdleClose how) {

    public IdleLimit {
        Objects.requireNonNull(how, "how");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("An idle limit must be positive, not " + after);
        }
    }
}
