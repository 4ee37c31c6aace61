package dev.payeraccess.proxy.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * At most {@code perUser} requests of one user and {@code perLink} of one link at once on this node. An
 * admission a request never gave back (a response Keycloak never wrote) stops counting after
 * {@code maxHold}, so a lost one cannot lock a member out. Operations take microseconds: one lock.
 */
public final class ConcurrencyLimit {

    private final int perUser;
    private final int perLink;
    private final long maxHoldNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Set<Admission>> held = new HashMap<>();

    ConcurrencyLimit(int perUser, int perLink, Duration maxHold, LongSupplier nanoTime) {
        this.perUser = perUser;
        this.perLink = perLink;
        this.maxHoldNanos = maxHold.toNanos();
        this.nanoTime = nanoTime;
    }

    /** An admission for one request, or empty when the user or the link already holds its share. */
    synchronized Optional<Admission> admit(String userId, String alias) {
        String user = "user:" + userId;
        String link = "link:" + userId + ":" + alias;
        long now = nanoTime.getAsLong();
        if (live(user, now) >= perUser || live(link, now) >= perLink) {
            return Optional.empty();
        }
        Admission admission = new Admission(this, user, link, now);
        held.computeIfAbsent(user, k -> new LinkedHashSet<>()).add(admission);
        held.computeIfAbsent(link, k -> new LinkedHashSet<>()).add(admission);
        return Optional.of(admission);
    }

    synchronized int holding(String userId) {
        return live("user:" + userId, nanoTime.getAsLong());
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
