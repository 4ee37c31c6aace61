package dev.payeraccess.proxy.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlanGateTest {

    private static final Duration MAX_HOLD = Duration.ofSeconds(60);
    private static final Duration LONGEST_CLOSED = Duration.ofMinutes(5);
    private static final String MEMBER = "dana";

    private final AtomicLong clock = new AtomicLong(5_000_000_000L);
    private final PlanGate gate = new PlanGate(MAX_HOLD, LONGEST_CLOSED, 50, clock::get);

    private void advance(Duration elapsed) {
        clock.addAndGet(elapsed.toNanos());
    }

    private static PlanCaps perSecond(int rate) {
        return new PlanCaps(OptionalInt.of(rate), OptionalInt.empty());
    }

    private static PlanCaps atOnce(int concurrent) {
        return new PlanCaps(OptionalInt.empty(), OptionalInt.of(concurrent));
    }

    private PlanGate.Slot opened(PlanCaps caps) {
        return assertInstanceOf(PlanGate.Open.class, gate.admit(caps, MEMBER)).slot();
    }

    private PlanGate.Closed closed(PlanCaps caps) {
        return assertInstanceOf(PlanGate.Closed.class, gate.admit(caps, MEMBER));
    }

    @Test
    void aPlanWithoutCapsIsNeverSlowedDown() {
        for (int i = 0; i < 1_000; i++) {
            opened(PlanCaps.none());
        }
        assertEquals(1_000, gate.openRequests());
    }

    @Test
    void theRateCapRefusesPastTheBurstAndSaysWhenTheNextTokenComes() {
        opened(perSecond(2)).close();
        opened(perSecond(2)).close();

        PlanGate.Closed refused = closed(perSecond(2));

        assertEquals(PlanGate.Reason.RATE_CAP, refused.reason());
        assertEquals(Duration.ofMillis(500), refused.retryAfter());
        assertEquals(1, refused.retryAfterSeconds(), "rounded up to whole seconds");
        advance(Duration.ofMillis(500));
        opened(perSecond(2));
    }

    @Test
    void theConcurrencyCapCountsOpenRequestsUntilTheyAreClosed() {
        PlanGate.Slot first = opened(atOnce(1));

        assertEquals(PlanGate.Reason.CONCURRENCY_CAP, closed(atOnce(1)).reason());
        first.close();
        first.close(); // harmless
        opened(atOnce(1));
    }

    @Test
    void aRequestRefusedForConcurrencyTakesNoToken() {
        PlanCaps both = new PlanCaps(OptionalInt.of(1), OptionalInt.of(1));
        PlanGate.Slot first = opened(both);
        advance(Duration.ofSeconds(1));

        closed(both);
        first.close();

        opened(both);
    }

    @Test
    void aFullConcurrencyCapEstimatesWhenTheOldestRequestEnds() {
        PlanGate.Slot measured = opened(atOnce(1));
        assertEquals(Duration.ofSeconds(1), closed(atOnce(1)).retryAfter(), "nothing measured yet: the shortest wait");
        advance(Duration.ofSeconds(4));
        measured.close();

        opened(atOnce(1));
        advance(Duration.ofMillis(1_500));

        PlanGate.Closed refused = closed(atOnce(1));
        assertEquals(Duration.ofMillis(2_500), refused.retryAfter(), "requests held 4 s; the open one is 1.5 s old");
        assertEquals(3, refused.retryAfterSeconds());
    }

    @Test
    void theSlotEstimateIsBounded() {
        PlanGate.Slot slow = opened(atOnce(1));
        advance(Duration.ofMinutes(2));
        slow.close();
        opened(atOnce(1));

        assertEquals(PlanGate.LONGEST_SLOT_ESTIMATE, closed(atOnce(1)).retryAfter());
    }

    @Test
    void aSlotNeverGivenBackStopsCountingAfterTheLongestHold() {
        opened(atOnce(1));
        advance(MAX_HOLD.plusSeconds(1));

        opened(atOnce(1));
    }

    @Test
    void openRequestsAreCountedWhileUncappedSoACapSetLaterCountsThem() {
        opened(PlanCaps.none());
        opened(PlanCaps.none());

        assertEquals(PlanGate.Reason.CONCURRENCY_CAP, closed(atOnce(2)).reason());
    }

    @Test
    void aPlansWaitClosesTheGateUntilItEndsWhateverTheCaps() {
        PlanGate.Closed told = gate.planUnavailableFor(Duration.ofSeconds(3));
        assertEquals(3, told.retryAfterSeconds());
        advance(Duration.ofMillis(1_200));

        PlanGate.Closed refused = closed(PlanCaps.none());

        assertEquals(PlanGate.Reason.PLAN_UNAVAILABLE, refused.reason());
        assertEquals(Duration.ofMillis(1_800), refused.retryAfter(), "the rest of the plan's window");
        assertEquals(2, refused.retryAfterSeconds());
        advance(Duration.ofMillis(1_800));
        opened(PlanCaps.none());
    }

    @Test
    void theLongerOfTwoWaitsWins() {
        gate.planUnavailableFor(Duration.ofSeconds(60));

        PlanGate.Closed shorter = gate.planUnavailableFor(Duration.ofSeconds(5));

        assertEquals(PlanGate.Reason.PLAN_UNAVAILABLE, shorter.reason());
        assertEquals(Duration.ofSeconds(60), shorter.retryAfter());
    }

    @Test
    void oneMemberHoldsAtMostHalfOfAPlansSlotsAndOthersAreServedMeanwhile() {
        PlanCaps four = atOnce(4);
        opened(four);
        opened(four);

        PlanGate.Closed refused = closed(four);
        assertEquals(PlanGate.Reason.MEMBER_SHARE, refused.reason());
        assertInstanceOf(PlanGate.Open.class, gate.admit(four, "eve"));
        assertInstanceOf(PlanGate.Open.class, gate.admit(four, "eve"));
        assertEquals(PlanGate.Reason.CONCURRENCY_CAP, assertInstanceOf(PlanGate.Closed.class,
            gate.admit(four, "zoe")).reason());
    }

    @Test
    void aMembersShareIsNeverAllOfTwoOrMoreSlotsAndOneOfASingleSlot() {
        assertEquals(1, gate.memberShare(1));
        assertEquals(1, gate.memberShare(2));
        assertEquals(2, gate.memberShare(3));
        assertEquals(5, gate.memberShare(10));
        assertEquals(9, new PlanGate(MAX_HOLD, LONGEST_CLOSED, 100, clock::get).memberShare(10));
    }

    @Test
    void aSlowReadersSlotIsReleasedPastTheBoundAndAnotherMemberGetsIt() {
        PlanGate.Slot slow = opened(atOnce(2));
        advance(MAX_HOLD.dividedBy(2));
        assertInstanceOf(PlanGate.Open.class, gate.admit(atOnce(2), "eve"));
        assertEquals(PlanGate.Reason.CONCURRENCY_CAP, assertInstanceOf(PlanGate.Closed.class,
            gate.admit(atOnce(2), "zoe")).reason());

        advance(MAX_HOLD.dividedBy(2).plusMillis(1));

        assertInstanceOf(PlanGate.Open.class, gate.admit(atOnce(2), "zoe"));
        slow.close(); // late: it no longer counted, and giving it back frees nobody else's slot
        assertEquals(2, gate.openRequests());
    }

    @Test
    void aPlansHourLong503ClosesItForMinutesAtMost() {
        PlanGate.Closed told = gate.planUnavailableFor(Duration.ofHours(1));

        assertEquals(LONGEST_CLOSED, told.retryAfter());
        advance(LONGEST_CLOSED);
        opened(PlanCaps.none());
    }

    @Test
    void afterA503OneRequestProbesThePlanAndTheOthersFollowWhenItWasAnswered() {
        gate.planUnavailableFor(Duration.ofSeconds(2));
        advance(Duration.ofSeconds(2));

        PlanGate.Slot probe = opened(PlanCaps.none());
        PlanGate.Closed meanwhile = closed(PlanCaps.none());
        assertEquals(PlanGate.Reason.PLAN_UNAVAILABLE, meanwhile.reason());
        assertEquals(1, meanwhile.retryAfterSeconds());
        probe.close();

        opened(PlanCaps.none());
        opened(PlanCaps.none());
    }

    @Test
    void aProbeAnswered503ClosesThePlanAgainAndTheNextWindowIsProbedToo() {
        gate.planUnavailableFor(Duration.ofSeconds(2));
        advance(Duration.ofSeconds(2));
        PlanGate.Slot probe = opened(PlanCaps.none());

        gate.planUnavailableFor(Duration.ofSeconds(3));
        probe.close();
        assertEquals(PlanGate.Reason.PLAN_UNAVAILABLE, closed(PlanCaps.none()).reason());
        advance(Duration.ofSeconds(3));

        opened(PlanCaps.none());
        assertEquals(PlanGate.Reason.PLAN_UNAVAILABLE, closed(PlanCaps.none()).reason(), "a probe again");
    }

    @Test
    void aProbeThatNeverAnswersIsReplacedPastTheSlotBound() {
        gate.planUnavailableFor(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        opened(PlanCaps.none());

        advance(MAX_HOLD.plusMillis(1));

        opened(PlanCaps.none());
        assertEquals(PlanGate.Reason.PLAN_UNAVAILABLE, closed(PlanCaps.none()).reason(), "the new probe is alone");
    }
}
