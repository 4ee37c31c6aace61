package dev.payeraccess.proxy.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemberWaitsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final MemberWaits waits = new MemberWaits(now::get);

    @Test
    void aPlansWaitHoldsForThatMemberOnlyUntilItIsOver() {
        waits.asked("realm", "plan", "alice", Duration.ofSeconds(5));

        assertEquals(Optional.of(Duration.ofSeconds(5)), waits.remaining("realm", "plan", "alice"));
        assertEquals(Optional.empty(), waits.remaining("realm", "plan", "bob"), "another member is not held");
        assertEquals(Optional.empty(), waits.remaining("realm", "other-plan", "alice"), "nor another plan");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(Optional.empty(), waits.remaining("realm", "plan", "alice"));
    }

    @Test
    void aShorterWaitDoesNotCutALongerOneShort() {
        waits.asked("realm", "plan", "alice", Duration.ofSeconds(30));

        assertEquals(Duration.ofSeconds(30), waits.asked("realm", "plan", "alice", Duration.ofSeconds(2)));
    }
}
