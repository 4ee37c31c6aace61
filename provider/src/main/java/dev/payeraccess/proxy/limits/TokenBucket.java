package dev.payeraccess.proxy.limits;

import java.time.Duration;

/**
 * A token bucket of {@code rate} tokens refilled at {@code rate} per second: a steady {@code rate} requests per
 * second, and a burst of at most {@code rate} after a quiet second. It starts full. The rate is given on every
 * call, so an administrator's change applies to the next request (a lower rate also shrinks what is stored).
 * Not thread-safe: its {@link PlanGate} calls it under its own lock.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    /** Full whatever the first rate turns out to be: the first refill cuts it to that rate. */
    private double tokens = Double.POSITIVE_INFINITY;
    private long refilledNanos;

    TokenBucket(long nowNanos) {
        this.refilledNanos = nowNanos;
    }

    /** Takes a token if there is one. */
    boolean tryTake(long nowNanos, int rate) {
        refill(nowNanos, rate);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** How long until the next token is in the bucket; zero when one is there now. */
    Duration untilNextToken(long nowNanos, int rate) {
        refill(nowNanos, rate);
        return tokens >= 1 ? Duration.ZERO
            : Duration.ofNanos((long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / rate));
    }

    private void refill(long nowNanos, int rate) {
        long elapsed = Math.max(0, nowNanos - refilledNanos);
        tokens = Math.min(rate, tokens + elapsed * rate / NANOS_PER_SECOND);
        refilledNanos = nowNanos;
    }
}
