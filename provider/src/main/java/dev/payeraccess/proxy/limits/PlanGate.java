package dev.payeraccess.proxy.limits;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * This node's door to one plan's FHIR API: it opens for a request only while the plan has not said it is down
 * (503 with {@code Retry-After}), fewer than the plan's {@code maxConcurrentRequests} are open, the member holds
 * less than their share of them, and its {@code maxRequestsPerSecond} {@link TokenBucket} has a token. Otherwise it
 * says which of them is closed and when it is expected to open, before anything is sent.
 *
 * <p>Fair to every member: one member holds at most {@link #memberShare} of the plan's concurrent requests (so with
 * a cap of 2 or more, never all of them), and a slot counts for at most {@code slotHold}, so an app that reads its
 * answer slowly cannot keep the plan's slots from others. A plan's 503 closes the door for at most
 * {@code longestClosed}; after that one request goes first as a probe, and the others follow only when it was not
 * answered 503 again.
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
        /** This member already holds their share of the plan's {@code maxConcurrentRequests} on this node. */
        MEMBER_SHARE,
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
    /** What the others are told while the probe after a plan's 503 is at the plan. */
    private static final Duration WHILE_PROBING = Duration.ofSeconds(1);

    private final long slotHoldNanos;
    private final long longestClosedNanos;
    private final int memberSharePercent;
    private final LongSupplier nanoTime;
    private final TokenBucket bucket;
    /** Oldest first; counted also while the plan has no concurrency cap, so a cap set later counts them too. */
    private final Set<Slot> open = new LinkedHashSet<>();
    private long typicalHoldNanos;
    private long closedUntilNanos;
    /** After a 503: the next request goes alone, as a probe. */
    private boolean probeFirst;
    /** The probe at the plan, if one is. */
    private Slot probe;

    /**
     * @param slotHold after this an open slot stops counting: an app reading its answer slowly, or a response
     *     Keycloak never wrote (and never gave its slot back), cannot hold the plan's slots from others
     * @param longestClosed the longest a plan's 503 closes the door, whatever its {@code Retry-After} says
     * @param memberSharePercent the part of a plan's {@code maxConcurrentRequests} one member may hold
     */
    PlanGate(Duration slotHold, Duration longestClosed, int memberSharePercent, LongSupplier nanoTime) {
        this.slotHoldNanos = slotHold.toNanos();
        this.longestClosedNanos = longestClosed.toNanos();
        this.memberSharePercent = memberSharePercent;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.bucket = new TokenBucket(now);
        this.closedUntilNanos = now;
    }

    /** Opens for one request of {@code member} under {@code caps}, or says why not and until when. */
    public synchronized Decision admit(PlanCaps caps, String member) {
        long now = nanoTime.getAsLong();
        if (closedUntilNanos - now > 0) {
            return new Closed(Reason.PLAN_UNAVAILABLE, Duration.ofNanos(closedUntilNanos - now));
        }
        dropLost(now);
        if (probe != null) {
            return new Closed(Reason.PLAN_UNAVAILABLE, WHILE_PROBING);
        }
        if (caps.concurrentRequests().isPresent()) {
            int cap = caps.concurrentRequests().getAsInt();
            if (open.size() >= cap) {
                return new Closed(Reason.CONCURRENCY_CAP, untilASlotFrees(now));
            }
            if (open.stream().filter(slot -> slot.member.equals(member)).count() >= memberShare(cap)) {
                return new Closed(Reason.MEMBER_SHARE, untilASlotFrees(now));
            }
        }
        if (caps.requestsPerSecond().isPresent() && !bucket.tryTake(now, caps.requestsPerSecond().getAsInt())) {
            return new Closed(Reason.RATE_CAP, bucket.untilNextToken(now, caps.requestsPerSecond().getAsInt()));
        }
        Slot slot = new Slot(member, now);
        open.add(slot);
        if (probeFirst) {
            probe = slot;
        }
        return new Open(slot);
    }

    /**
     * How many of a plan's {@code cap} concurrent requests one member may hold: {@code memberSharePercent} of them
     * rounded up, but at least one and, from a cap of 2, never all.
     */
    int memberShare(int cap) {
        int share = (int) Math.ceil(cap * memberSharePercent / 100.0);
        return Math.max(1, Math.min(share, cap - 1));
    }

    /**
     * The plan said it is down for {@code wait} (a 503 with {@code Retry-After}): closed for every request until then,
     * at most {@code longestClosed}; a window already running that ends later is kept. Then one request probes the
     * plan before the others follow. (A plan's 429 holds one member only, see {@link MemberWaits}.)
     *
     * @return what the request that heard it, and every request until the window ends, is told
     */
    public synchronized Closed planUnavailableFor(Duration wait) {
        long now = nanoTime.getAsLong();
        long until = now + Math.min(wait.toNanos(), longestClosedNanos);
        if (until - closedUntilNanos > 0) {
            closedUntilNanos = until;
        }
        probeFirst = true;
        probe = null; // the probe, if this was its answer, has had it: the next one after the window probes again
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
            Slot slot = it.next();
            if (now - slot.openedNanos > slotHoldNanos) {
                it.remove();
                if (slot == probe) {
                    probe = null; // no word from the probe: the next request probes
                }
            }
        }
    }

    private synchronized void release(Slot slot) {
        if (slot == probe) {
            // The probe's answer was passed on and was not a 503 (that would have cleared it): the plan is back.
            probe = null;
            probeFirst = false;
        }
        if (!open.remove(slot)) {
            return;
        }
        long held = Math.max(1, nanoTime.getAsLong() - slot.openedNanos);
        typicalHoldNanos = typicalHoldNanos == 0 ? held
            : (long) (typicalHoldNanos * (1 - LATEST_WEIGHT) + held * LATEST_WEIGHT);
    }

    /** One request open at the plan; {@link #close()} gives it back (more than once is harmless). */
    public final class Slot implements AutoCloseable {

        private final String member;
        private final long openedNanos;

        private Slot(String member, long openedNanos) {
            this.member = member;
            this.openedNanos = openedNanos;
        }

        @Override
        public void close() {
            release(this);
        }
    }
}
