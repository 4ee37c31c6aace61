package dev.payeraccess.proxy.limits;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The waits plans asked of single members on this node. Plans mostly rate-limit per access token, so a plan's 429
 * to one member's read makes that member's next reads of that plan wait for its {@code Retry-After}, and nobody
 * else's: one eager app cannot close a plan for every member. A plan that says it is down (503) closes its
 * {@link PlanGate} for everyone instead.
 */
public final class MemberWaits {

    /** Past this many remembered waits, the ones that are over are dropped. */
    private static final int PURGE_ABOVE = 10_000;

    private record Key(String realmId, String alias, String userId) {
    }

    private final Map<Key, Long> untilNanos = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    MemberWaits(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** How long this member must still wait for this plan; empty when they need not. */
    public Optional<Duration> remaining(String realmId, String alias, String userId) {
        Long until = untilNanos.get(new Key(realmId, alias, userId));
        long left = until == null ? 0 : until - nanoTime.getAsLong();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    /** The plan asked this member to wait {@code wait}; a longer wait already running is kept. Returns what is left. */
    public Duration asked(String realmId, String alias, String userId, Duration wait) {
        long now = nanoTime.getAsLong();
        if (untilNanos.size() > PURGE_ABOVE) {
            untilNanos.values().removeIf(until -> until - now <= 0);
        }
        long until = untilNanos.merge(new Key(realmId, alias, userId), now + wait.toNanos(),
            (old, asked) -> asked - old > 0 ? asked : old);
        return Duration.ofNanos(until - now);
    }
}
