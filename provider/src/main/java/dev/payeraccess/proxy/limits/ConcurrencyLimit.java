package dev.payeraccess.proxy.limits;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * At most {@code perUser} requests of one user and {@code perLink} of one link at once on this node; a short burst
 * past that waits its turn instead of being refused at once. A browser opens 6 reads at once on its first screen
 * (more over HTTP/2), and apps written for any FHIR server do not retry a 429.
 *
 * <p>A request that finds its link or its user full waits, first come first served on its link, until one of the
 * link's requests ends, for at most {@code maxWait}; then it is refused. Waiting holds one of Keycloak's worker
 * threads (a few dozen by default, shared with sign-ins), so few may wait: at most {@code queuePerLink} per link and
 * per user, and {@code waitingPerNode} on the whole node. Past those a request is refused at once, so a flood is
 * turned away early and never ties up the threads sign-ins need.
 *
 * <p>An admission a request never gave back (a response Keycloak never wrote) stops counting after {@code maxHold},
 * so a lost one cannot lock a member out. Operations take microseconds: one lock, which waiting gives up.
 */
public final class ConcurrencyLimit {

    /** A waiter looks at the clock at least this often, so holds that lapse by time are seen too. */
    private static final long LONGEST_NAP_MILLIS = 50;

    private final int perUser;
    private final int perLink;
    private final int queuePerLink;
    private final int waitingPerNode;
    private final long maxHoldNanos;
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Set<Admission>> held = new HashMap<>();
    /** Each link's waiters, in their order of arrival. */
    private final Map<String, Deque<Object>> queues = new HashMap<>();
    /** How many of each user's requests wait, on all their links. */
    private final Map<String, Integer> waitingOfUser = new HashMap<>();
    private int waiting;

    /**
     * @param perUser requests one user may have in progress at once
     * @param perLink requests one user may have in progress at once to one plan
     * @param queuePerLink requests that may wait for one link, and for one user
     * @param waitingPerNode requests that may wait on this node
     * @param maxWait the longest a request waits its turn before it is refused
     * @param maxHold after this an admission stops counting
     */
    ConcurrencyLimit(int perUser, int perLink, int queuePerLink, int waitingPerNode, Duration maxWait,
                     Duration maxHold, LongSupplier nanoTime) {
        this.perUser = perUser;
        this.perLink = perLink;
        this.queuePerLink = queuePerLink;
        this.waitingPerNode = waitingPerNode;
        this.maxWaitNanos = maxWait.toNanos();
        this.maxHoldNanos = maxHold.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * An admission for one request, at once or after waiting its turn; empty when the user or the link holds its
     * share and no place to wait is free, or the wait ran out (or the thread was interrupted).
     */
    synchronized Optional<Admission> admit(String userId, String alias) {
        String user = "user:" + userId;
        String link = "link:" + userId + ":" + alias;
        long now = nanoTime.getAsLong();
        Deque<Object> queue = queues.get(link);
        if ((queue == null || queue.isEmpty()) && hasRoom(user, link, now)) {
            return Optional.of(admitted(user, link, now));
        }
        if (queue != null && queue.size() >= queuePerLink || waitingOfUser.getOrDefault(user, 0) >= queuePerLink
            || waiting >= waitingPerNode) {
            return Optional.empty();
        }
        return waitedFor(user, link, now + maxWaitNanos);
    }

    /**
     * An admission for one request only if one is free now, without waiting and without overtaking those waiting
     * for the link: a read across the member's plans, which must not wait behind its own earlier plans.
     */
    synchronized Optional<Admission> tryAdmit(String userId, String alias) {
        String user = "user:" + userId;
        String link = "link:" + userId + ":" + alias;
        long now = nanoTime.getAsLong();
        Deque<Object> queue = queues.get(link);
        return (queue == null || queue.isEmpty()) && hasRoom(user, link, now)
            ? Optional.of(admitted(user, link, now)) : Optional.empty();
    }

    private Optional<Admission> waitedFor(String user, String link, long deadline) {
        Object turn = new Object();
        Deque<Object> queue = queues.computeIfAbsent(link, k -> new ArrayDeque<>());
        queue.addLast(turn);
        waitingOfUser.merge(user, 1, Integer::sum);
        waiting++;
        try {
            while (true) {
                long now = nanoTime.getAsLong();
                if (queue.peekFirst() == turn && hasRoom(user, link, now)) {
                    return Optional.of(admitted(user, link, now));
                }
                long left = deadline - now;
                if (left <= 0) {
                    return Optional.empty();
                }
                wait(Math.max(1, Math.min(LONGEST_NAP_MILLIS, Duration.ofNanos(left).toMillis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            queue.remove(turn);
            if (queue.isEmpty()) {
                queues.remove(link);
            }
            waitingOfUser.computeIfPresent(user, (k, n) -> n > 1 ? n - 1 : null);
            waiting--;
            notifyAll(); // the next in line may go now
        }
    }

    synchronized int holding(String userId) {
        return live("user:" + userId, nanoTime.getAsLong());
    }

    synchronized int waiting() {
        return waiting;
    }

    private boolean hasRoom(String user, String link, long now) {
        return live(user, now) < perUser && live(link, now) < perLink;
    }

    private Admission admitted(String user, String link, long now) {
        Admission admission = new Admission(this, user, link, now);
        held.computeIfAbsent(user, k -> new LinkedHashSet<>()).add(admission);
        held.computeIfAbsent(link, k -> new LinkedHashSet<>()).add(admission);
        return admission;
    }

    private int live(String key, long now) {
        Set<Admission> admissions = held.get(key);
        if (admissions == null) {
            return 0;
        }
        for (Iterator<Admission> it = admissions.iterator(); it.hasNext(); ) {
            if (now - it.next().admittedNanos > maxHoldNanos) {
                it.remove();
            }
        }
        if (admissions.isEmpty()) {
            held.remove(key);
        }
        return admissions.size();
    }

    private synchronized void release(Admission admission) {
        for (String key : new String[] {admission.user, admission.link}) {
            Set<Admission> admissions = held.get(key);
            if (admissions != null && admissions.remove(admission) && admissions.isEmpty()) {
                held.remove(key);
            }
        }
        notifyAll();
    }

    /** One admitted request; {@link #close()} gives it back (more than once is harmless). */
    public static final class Admission implements AutoCloseable {
        private final ConcurrencyLimit limit;
        private final String user;
        private final String link;
        private final long admittedNanos;

        private Admission(ConcurrencyLimit limit, String user, String link, long admittedNanos) {
            this.limit = limit;
            this.user = user;
            this.link = link;
            this.admittedNanos = admittedNanos;
        }

        @Override
        public void close() {
            limit.release(this);
        }
    }
}
