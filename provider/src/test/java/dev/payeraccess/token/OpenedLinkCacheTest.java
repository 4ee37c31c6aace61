package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OpenedLinkCacheTest {

    private final AtomicLong clock = new AtomicLong();
    private final OpenedLinkCache cache = new OpenedLinkCache(2, Duration.ofMinutes(5), clock::get);

    private static StoredPlanToken token(String accessToken) {
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        return new StoredPlanToken(accessToken, Optional.empty(), Optional.empty(), "", "p", Optional.empty(), now,
            now, Optional.empty());
    }

    @Test
    void findsAnOpenedLinkByItsCiphertext() {
        cache.put("jwe-1", token("a"));

        assertEquals("a", cache.get("jwe-1").orElseThrow().accessToken());
        assertTrue(cache.get("jwe-2").isEmpty(), "a new ciphertext (renewed link) is never served the old entry");
    }

    @Test
    void keepsAtMostItsSizeDroppingTheLeastRecentlyUsed() {
        cache.put("jwe-1", token("a"));
        cache.put("jwe-2", token("b"));
        cache.get("jwe-1");
        cache.put("jwe-3", token("c"));

        assertEquals(2, cache.size());
        assertTrue(cache.get("jwe-2").isEmpty());
        assertTrue(cache.get("jwe-1").isPresent());
    }

    @Test
    void forgetsLinksIdleLongerThanItsIdleTime() {
        cache.put("jwe-1", token("a"));
        clock.addAndGet(Duration.ofMinutes(4).toNanos());
        assertTrue(cache.get("jwe-1").isPresent(), "used within the idle time");

        clock.addAndGet(Duration.ofMinutes(6).toNanos());
        cache.put("jwe-2", token("b"));

        assertEquals(1, cache.size(), "the idle entry is dropped when a newer one arrives");
        assertTrue(cache.get("jwe-1").isEmpty());
    }
}
