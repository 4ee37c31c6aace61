package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.plan.PlanProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A renewal that failed for a reason that says nothing about the grant does not fail the read while the token the
 * link holds still has life in it; a token the plan rejected, or about to expire, is not sent.
 */
class RenewalFallbackTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

    @Test
    void aTokenWithLifeLeftIsSentWhenItsRenewalFailed() {
        assertEquals(Optional.of("at"), RenewalFallback.stillValid(expiringIn(25), Optional.empty(),
            PlanProfile.standard(), NOW));
    }

    @Test
    void aTokenAboutToExpireOrExpiredIsNot() {
        assertEquals(Optional.empty(), RenewalFallback.stillValid(expiringIn(2), Optional.empty(),
            PlanProfile.standard(), NOW));
        assertEquals(Optional.empty(), RenewalFallback.stillValid(expiringIn(-5), Optional.empty(),
            PlanProfile.standard(), NOW));
    }

    @Test
    void aTokenThePlanRejectedIsNeverSentAgain() {
        assertEquals(Optional.empty(), RenewalFallback.stillValid(expiringIn(25), Optional.of("at"),
            PlanProfile.standard(), NOW));
    }

    @Test
    void noTokenPastTheEndOfTheAuthorizationPeriod() {
        PlanProfile standard = PlanProfile.standard();
        PlanProfile capped = new PlanProfile(standard.patientSources(), standard.refreshTokens(),
            Optional.of(Duration.ofHours(1)), standard.pagingMode(), standard.offsetParameter(),
            standard.maxRequestsPerSecond(), standard.maxConcurrentRequests());

        assertEquals(Optional.empty(), RenewalFallback.stillValid(expiringIn(25), Optional.empty(), capped, NOW));
    }

    @Test
    void onlyOutcomesThatSayNothingOfTheGrantFallBack() {
        assertTrue(RenewalFallback.grantUntouched(new TokenOutcome.RenewalTimedOut(12)));
        assertTrue(RenewalFallback.grantUntouched(new TokenOutcome.RenewalUnsettled()));
        assertFalse(RenewalFallback.grantUntouched(new TokenOutcome.RelinkRequired()));
        assertFalse(RenewalFallback.grantUntouched(new TokenOutcome.RejectedWhileFresh()));
        assertFalse(RenewalFallback.grantUntouched(new TokenOutcome.Usable("at")));
    }

    /** Linked two hours ago. */
    private static Optional<StoredPlanToken> expiringIn(long seconds) {
        return Optional.of(new StoredPlanToken("at", Optional.of("rt"), Optional.of(NOW.plusSeconds(seconds)),
            "patient/*.read", "p", Optional.empty(), NOW.minusSeconds(35), NOW.minusSeconds(7200), Optional.empty()));
    }
}
