package dev.payeraccess.proxy.limits;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * This node's door to one plan's FHIR API: it opens for a request only while the plan has not asked this node
 * to wait (its 429, or 503 with {@code Retry-After}), fewer than the plan's {@code maxConcurrentRequests} are
 * open, and its {@code maxRequestsPerSecond} {@link TokenBucket} has a token. Otherwise it says which of them
 * is closed and when it is expected to open, before anything is sent.
 *
 * <p>Per node: nothing is shared with other nodes, so behind a balancer over N nodes the plan may see up to N
 * times each cap, and a plan's 429 answered to one node slows down that node only. The caps are passed in on
 * every request, so a plan's settings changed in the admin console apply to the next request. Operations take
 * microseconds: one lock.
 */
public final class PlanGate {

    /** Why a request does not go to the plan now. */
    public enum Reason {
        /** The plan's {@code maxRequestsPerSecond} on this node is used up. */
        RATE_CAP,
        /** The plan's {@code maxConcurrentRequests} are open on this node. */
        CONCURRENCY_CAP,
        /**
         * The plan answered this member 429: it asked for fewer requests until the window ends (see
         * {@link MemberWaits}).
         */
        PLAN_THROTTLED,
        /** The plan answered 503 with {@code Retry-After}: it is down until the window ends. */
        PLAN_UNAVAILABLE
    }

    /** Whether a request may go to the plan now. */
    public sealed interface Decision permits Open, Closed {
    }

    /** It may; {@link Slot#close()} when the plan's answer has been passed on. */
    public record Open(Slot slot) implements Decision {
    }

    /** It may not; {@code retryAfter} is when the door is expected to open again. */
    public record Closed(Reason reason, Duration retryAfter) implements Decision {

        /** What {@code Retry-After} says: whole seconds, rounded up so an app that honours it is not early. */
        public int retryAfterSeconds() {
            long seconds = (retryAfter.toNanos() + 999_999_999L) / 1_000_000_000L;
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
        }
    }

    /** No request's end can be foreseen; past this, an estimate of when a slot frees says too little. */
    static final Duration LONGEST_SLOT_ESTIMATE = Duration.ofSeconds(10);
    /** How much the last request counts in the typical time a request holds a slot (exponential average). */
    private static final double LATEST_WEIGHT = 0.2;

    private final long maxHoldNanos;
    private final LongSupplier nanoTime;
    private final TokenBucket bucket;
    /** Oldest first; counted also while the plan has no concurrency cap, so a cap set later counts them too. */
    private final Set<Slot> open = new LinkedHashSet<>();
    private long typicalHoldNanos;
    private long closedUntilNanos;

    /**
     * @param maxHold after this an open slot stops counting, so a response Keycloak never wrote (and never gave
     *     its slot back) cannot close the plan for good
     */
    PlanGate(Duration maxHold, LongSupplier nanoTime) {
        this.maxHoldNanos = maxHold.toNanos();
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.bucket = new TokenBucket(now);
        this.closedUntilNanos = now;
    }

    /** Opens for one request under {@code caps}, or says why not and until when. */
    public synchronized Decision admit(PlanCaps caps) {
        long now = nanoTime.getAsLong();
        if (closedUntilNanos - now > 0) {
            return new Closed(Reason.PLAN_UNAVAILABLE, Duration.ofNanos(closedUntilNanos - now));
        }
        dropLost(now);
        if (caps.concurrentRequests().isPresent() && open.size() >= caps.concurrentRequests().getAsInt()) {
            return new Closed(Reason.CONCURRENCY_CAP, untilASlotFrees(now));
        }
        if (caps.requestsPerSecond().isPresent() && !bucket.tryTake(now, caps.requestsPerSecond().getAsInt())) {
            return new Closed(Reason.RATE_CAP, bucket.untilNextToken(now, caps.requestsPerSecond().getAsInt()));
        }
        Slot slot = new Slot(now);
        open.add(slot);
        return new Open(slot);
    }

    /**
     * The plan said it is down for {@code wait} (a 503 with {@code Retry-After}): closed for every request until then;
     * a window already running that ends later is kept. (A plan's 429 holds one member only, see {@link MemberWaits}.)
     *
     * @return what the request that heard it, and every request until the window ends, is told
     */
    public synchronized Closed planUnavailableFor(Duration wait) {
        long now = nanoTime.getAsLong();
        long until = now + wait.toNanos();
        if (until - closedUntilNanos > 0) {
            closedUntilNanos = until;
        }
        return new Closed(Reason.PLAN_UNAVAILABLE, Duration.ofNanos(closedUntilNanos - now));
    }

    synchronized int openRequests() {
        dropLost(nanoTime.getAsLong());
        return open.size();
    }

    /**
     * When the oldest open request is expected to end, from how long requests to this plan typically held their
     * slot; the shortest {@code Retry-After} when none has ended yet.
     */
    private Duration untilASlotFrees(long now) {
        if (typicalHoldNanos == 0 || open.isEmpty()) {
            return Duration.ofSeconds(1);
        }
        long expectedEnd = open.iterator().next().openedNanos + typicalHoldNanos;
        Duration estimate = Duration.ofNanos(Math.max(0, expectedEnd - now));
        return estimate.compareTo(LONGEST_SLOT_ESTIMATE) > 0 ? LONGEST_SLOT_ESTIMATE : estimate;
    }

    private void dropLost(long now) {
        for (Iterator<Slot> it = open.iterator(); it.hasNext(); ) {
            if (now - it.next().openedNanos > maxHoldNanos) {
                it.remove();
            }
        }
    }

    private synchronized void release(Slot slot) {
        if (!open.remove(slot)) {
            return;
        }
        long held = Math.max(1, nanoTime.getAsLong() - slot.openedNanos);
        typicalHoldNanos = typicalHoldNanos == 0 ? held
            : (long) (typicalHoldNanos * (1 - LATEST_WEIGHT) + held * LATEST_WEIGHT);
    }

    /** One request open at the plan; {@link #close()} gives it back (more than once is harmless). */
    public final class Slot implements AutoCloseable {

        private final long openedNanos;

        private Slot(long openedNanos) {
            this.openedNanos = openedNanos;
        }

        @Override
        public void close() {
            release(this);
        }
    }
}
