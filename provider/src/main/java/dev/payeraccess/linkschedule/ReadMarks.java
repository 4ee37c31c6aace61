package dev.payeraccess.linkschedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's memory of when it last wrote an app's read of each link, so a busy link costs one database write per
 * {@code every}, not one per read. Node-local and never stale in a way that matters: at worst a read is written
 * again. Bounded: when it holds {@link #MAX_LINKS} links it starts over.
 */
final class ReadMarks {

    static final int MAX_LINKS = 100_000;

    private final Duration every;
    private final Map<LinkKey, Instant> marked = new ConcurrentHashMap<>();

    ReadMarks(Duration every) {
        this.every = every;
    }

    boolean markedRecently(LinkKey key, Instant now) {
        Instant last = marked.get(key);
        return last != null && last.plus(every).isAfter(now);
    }

    void mark(LinkKey key, Instant now) {
        if (marked.size() >= MAX_LINKS) {
            marked.clear();
        }
        marked.put(key, now);
    }

    void forget(LinkKey key) {
        marked.remove(key);
    }
}
