package dev.payeraccess.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A bounded map from the SHA-256 of a link's ciphertext to the opened link, least recently used first.
 * An entry unused for {@code idle} is dropped when next seen or when a newer entry is added, so opened
 * tokens do not linger in memory after members stop using them. Operations take microseconds, so one
 * lock is enough.
 */
final class OpenedLinkCache implements OpenedLinks {

    private record Entry(StoredPlanToken token, long lastUsedNanos) {
    }

    private final int maxEntries;
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<String, Entry> entries;

    OpenedLinkCache(int maxEntries, Duration idle, LongSupplier nanoTime) {
        this.maxEntries = maxEntries;
        this.idleNanos = idle.toNanos();
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > OpenedLinkCache.this.maxEntries;
            }
        };
    }

    @Override
    public Optional<StoredPlanToken> get(String ciphertext) {
        return getByKey(key(ciphertext)); // the digest outside the lock: every read of every member passes here
    }

    private synchronized Optional<StoredPlanToken> getByKey(String key) {
        Entry entry = entries.get(key);
        long now = nanoTime.getAsLong();
        if (entry == null || now - entry.lastUsedNanos() > idleNanos) {
            entries.remove(key);
            return Optional.empty();
        }
        entries.put(key, new Entry(entry.token(), now));
        return Optional.of(entry.token());
    }

    @Override
    public void put(String ciphertext, StoredPlanToken token) {
        putByKey(key(ciphertext), token);
    }

    private synchronized void putByKey(String key, StoredPlanToken token) {
        long now = nanoTime.getAsLong();
        dropIdle(now);
        entries.put(key, new Entry(token, now));
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
    }

    /** Oldest use first, so the scan stops at the first entry still in use. */
    private void dropIdle(long now) {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (oldestFirst.hasNext() && now - oldestFirst.next().lastUsedNanos() > idleNanos) {
            oldestFirst.remove();
        }
    }

    private static String key(String ciphertext) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ciphertext.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
