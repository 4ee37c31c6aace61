package dev.payeraccess.proxy.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A browser's burst on one link waits its turn and is answered; a flood is refused at once. The clock is a fake:
 * a waiter gives up only when the test moves it past the wait, so no test depends on how fast the machine is.
 */
class ConcurrencyLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration HOLD = Duration.ofSeconds(150);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    /** The defaults: 8 per user, 4 per link, 8 waiting per link and user, 16 waiting on the node. */
    private final ConcurrencyLimit limit = new ConcurrencyLimit(8, 4, 8, 16, WAIT, HOLD, clock::get);
    private final List<ConcurrencyLimit.Admission> held = new ArrayList<>();

    @AfterEach
    void giveBack() {
        held.forEach(ConcurrencyLimit.Admission::close);
    }

    @Test
    void aBrowsersSixReadsOnOneLinkAreAllAdmittedTheLastTwoWhenEarlierOnesEnd() throws Exception {
        for (int i = 0; i < 4; i++) {
            admittedAtOnce("dana", "plan");
        }
        CompletableFuture<Optional<ConcurrencyLimit.Admission>> fifth = admitting("dana", "plan");
        awaitWaiting(1);
        CompletableFuture<Optional<ConcurrencyLimit.Admission>> sixth = admitting("dana", "plan");
        awaitWaiting(2);
        assertFalse(fifth.isDone() || sixth.isDone(), "they wait");

        held.remove(0).close();
        assertTrue(fifth.get(5, TimeUnit.SECONDS).isPresent(), "first come, first served");
        assertFalse(sixth.isDone());
        held.remove(0).close();
        assertTrue(sixth.get(5, TimeUnit.SECONDS).isPresent());
        fifth.get().ifPresent(held::add);
        sixth.get().ifPresent(held::add);
    }

    @Test
    void aWaiterIsRefusedWhenItsTurnDoesNotComeWithinTheWait() throws Exception {
        fillLink("dana", "plan");
        CompletableFuture<Optional<ConcurrencyLimit.Admission>> waiting = admitting("dana", "plan");
        awaitWaiting(1);

        clock.addAndGet(WAIT.minusMillis(1).toNanos());
        Thread.sleep(150);
        assertFalse(waiting.isDone(), "still within the wait");
        clock.addAndGet(Duration.ofMillis(1).toNanos());

        assertEquals(Optional.empty(), waiting.get(5, TimeUnit.SECONDS));
        assertEquals(0, limit.waiting());
    }

    @Test
    void pastTheQueueOfALinkAFloodIsRefusedAtOnce() throws Exception {
        fillLink("dana", "plan");
        for (int i = 0; i < 8; i++) {
            admitting("dana", "plan");
        }
        awaitWaiting(8);

        for (int i = 0; i < 88; i++) {
            assertEquals(Optional.empty(), limit.admit("dana", "plan"), "the flood's read " + i);
        }
        assertEquals(8, limit.waiting());
    }

    @Test
    void oneUserWaitsInAsManyPlacesAsOneLinkHasWhateverTheLinks() throws Exception {
        for (String plan : List.of("a", "b")) {
            for (int i = 0; i < 4; i++) {
                admittedAtOnce("dana", plan);
            }
        }
        for (int i = 0; i < 8; i++) {
            admitting("dana", i % 2 == 0 ? "a" : "c");
        }
        awaitWaiting(8);

        assertEquals(Optional.empty(), limit.admit("dana", "d"), "her 8 in progress and 8 waiting are her share");
        admittedAtOnce("eve", "a");
    }

    @Test
    void theNodeLetsNoMoreWaitThanItsCapAndRefusesTheRestAtOnce() throws Exception {
        for (String user : List.of("dana", "eve", "zoe")) {
            fillLink(user, "plan");
        }
        for (int i = 0; i < 8; i++) {
            admitting("dana", "plan");
            admitting("eve", "plan");
        }
        awaitWaiting(16);

        assertEquals(Optional.empty(), limit.admit("zoe", "plan"), "the node's 16 waiting places are taken");
        admittedAtOnce("zoe", "other"); // a request with room never waits, and is never refused for others' waiting
    }

    @Test
    void aNewcomerDoesNotOvertakeThoseWaiting() throws Exception {
        fillLink("dana", "plan");
        CompletableFuture<Optional<ConcurrencyLimit.Admission>> first = admitting("dana", "plan");
        awaitWaiting(1);

        held.remove(0).close();
        CompletableFuture<Optional<ConcurrencyLimit.Admission>> newcomer = admitting("dana", "plan");

        first.get(5, TimeUnit.SECONDS).ifPresent(held::add);
        assertEquals(4, limit.holding("dana"), "the one who waited has the freed place");
        awaitWaiting(1);
        assertFalse(newcomer.isDone(), "the newcomer waits behind");
        held.remove(0).close();
        assertTrue(newcomer.get(5, TimeUnit.SECONDS).isPresent());
        newcomer.get().ifPresent(held::add);
    }

    @Test
    void aTryNeverWaitsPastTheUsersShareOrTheLinks() throws Exception {
        for (int i = 0; i < 8; i++) {
            Optional<ConcurrencyLimit.Admission> admission = limit.tryAdmit("dana", "plan-" + i);
            assertTrue(admission.isPresent(), "plan-" + i + " within the user's share");
            held.add(admission.get());
        }
        long before = System.nanoTime();
        assertTrue(limit.tryAdmit("dana", "plan-8").isEmpty(), "past the user's share: refused");
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(1).toNanos(), "at once");
        assertEquals(0, limit.waiting(), "nobody waits");

        held.remove(0).close();
        held.add(limit.tryAdmit("dana", "plan-8").orElseThrow(() -> new AssertionError("room again")));
        fillLink("erin", "plan");
        assertTrue(limit.tryAdmit("erin", "plan").isEmpty(), "a full link: refused at once");
        assertEquals(0, limit.waiting(), "nobody waits");
    }

    @Test
    void anAdmissionNeverGivenBackStopsCountingAfterTheLongestHold() {
        fillLink("dana", "plan");
        held.clear(); // never given back

        clock.addAndGet(HOLD.plusSeconds(1).toNanos());

        admittedAtOnce("dana", "plan");
    }

    private void fillLink(String user, String alias) {
        for (int i = 0; i < 4; i++) {
            admittedAtOnce(user, alias);
        }
    }

    private void admittedAtOnce(String user, String alias) {
        Optional<ConcurrencyLimit.Admission> admission = limit.admit(user, alias);
        assertTrue(admission.isPresent(), user + " on " + alias);
        held.add(admission.get());
    }

    private CompletableFuture<Optional<ConcurrencyLimit.Admission>> admitting(String user, String alias) {
        CompletableFuture<Optional<ConcurrencyLimit.Admission>> admission = new CompletableFuture<>();
        Thread thread = new Thread(() -> admission.complete(limit.admit(user, alias)));
        thread.setDaemon(true);
        thread.start();
        return admission;
    }

    private void awaitWaiting(int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (limit.waiting() < count && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(count, limit.waiting(), "requests waiting");
    }
}
