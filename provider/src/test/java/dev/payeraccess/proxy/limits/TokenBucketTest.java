package dev.payeraccess.proxy.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long START = 1_000_000_000_000L;
    private final TokenBucket bucket = new TokenBucket(START);

    private static long at(Duration elapsed) {
        return START + elapsed.toNanos();
    }

    private int taken(long now, int rate, int attempts) {
        int taken = 0;
        for (int i = 0; i < attempts; i++) {
            taken += bucket.tryTake(now, rate) ? 1 : 0;
        }
        return taken;
    }

    @Test
    void startsFullWithABurstEqualToTheRate() {
        assertEquals(2, taken(START, 2, 10));
    }

    @Test
    void refillsSteadilyAtTheRate() {
        taken(START, 2, 2);

        assertFalse(bucket.tryTake(at(Duration.ofMillis(499)), 2));
        assertTrue(bucket.tryTake(at(Duration.ofMillis(500)), 2), "one token every half second at 2/s");
        assertFalse(bucket.tryTake(at(Duration.ofMillis(500)), 2));
        assertEquals(2, taken(at(Duration.ofMillis(5_500)), 2, 100), "a quiet spell fills it to the rate, no more");
    }

    @Test
    void aQuietSpellNeverStoresMoreThanOneSecondsWorth() {
        assertEquals(3, taken(at(Duration.ofHours(1)), 3, 100));
    }

    @Test
    void saysWhenTheNextTokenComes() {
        taken(START, 4, 4);

        assertEquals(Duration.ofMillis(250), bucket.untilNextToken(START, 4));
        assertEquals(Duration.ofMillis(150), bucket.untilNextToken(at(Duration.ofMillis(100)), 4));
        assertEquals(Duration.ZERO, bucket.untilNextToken(at(Duration.ofMillis(250)), 4));
    }

    @Test
    void aLowerRateAppliesAtOnceAndShrinksWhatIsStored() {
        assertEquals(10, taken(START, 100, 10));

        assertEquals(1, taken(START, 1, 5), "90 tokens stored at 100/s are cut to 1 at 1/s");
        assertEquals(Duration.ofSeconds(1), bucket.untilNextToken(START, 1));
    }

    @Test
    void aHigherRateRefillsFasterFromTheNextRequest() {
        taken(START, 1, 1);

        assertTrue(bucket.tryTake(at(Duration.ofMillis(100)), 10), "at 10/s a token comes every 100 ms");
    }
}
