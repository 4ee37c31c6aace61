package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.plan.RefreshTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TokenStateTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

    private static Optional<StoredPlanToken> token(Long expiresInSeconds, boolean refreshable) {
        return Optional.of(new StoredPlanToken("at", refreshable ? Optional.of("rt") : Optional.empty(),
            Optional.ofNullable(expiresInSeconds).map(NOW::plusSeconds), "patient/*.read", "p", Optional.empty(),
            NOW.minusSeconds(3600), NOW.minusSeconds(3600), Optional.empty()));
    }

    private static Optional<StoredPlanToken> obtainedNow(long lifetimeSeconds) {
        return Optional.of(new StoredPlanToken("at", Optional.of("rt"), Optional.of(NOW.plusSeconds(lifetimeSeconds)),
            "patient/*.read", "p", Optional.empty(), NOW, NOW, Optional.empty()));
    }

    @Test
    void validBeyondTheMarginIsActive() {
        assertEquals(TokenState.ACTIVE, TokenState.of(token(3600L, true), NOW));
        assertEquals(TokenState.ACTIVE, TokenState.of(token(null, false), NOW), "no lifetime given: try it");
    }

    @Test
    void expiredOrAboutToExpireWithARefreshTokenIsRefreshable() {
        assertEquals(TokenState.REFRESHABLE, TokenState.of(token(-10L, true), NOW));
        assertEquals(TokenState.REFRESHABLE, TokenState.of(token(20L, true), NOW), "inside the 30 s margin");
    }

    @Test
    void expiredWithoutRefreshTokenOrUnreadableNeedsARelink() {
        assertEquals(TokenState.RELINK_REQUIRED, TokenState.of(token(-10L, false), NOW));
        assertEquals(TokenState.RELINK_REQUIRED, TokenState.of(Optional.empty(), NOW));
        assertEquals("relink-required", TokenState.RELINK_REQUIRED.wireName());
    }

    @Test
    void aPlanIssuingShortLivedTokensGetsHalfTheLifetimeAsMarginSoNotEveryRequestRefreshes() {
        assertEquals(TokenState.ACTIVE, TokenState.of(obtainedNow(20), NOW));
        assertEquals(TokenState.REFRESHABLE, TokenState.of(obtainedNow(20), NOW.plusSeconds(11)));
        assertEquals(TokenState.REFRESHABLE, TokenState.of(obtainedNow(3600), NOW.plusSeconds(3571)), "30 s margin");
    }

    @Test
    void onlyATokenARenewalIssuedMomentsAgoCountsAsFreshlyRenewed() {
        Instant linkedAt = NOW.minusSeconds(3600);
        StoredPlanToken justLinked = new StoredPlanToken("at", Optional.of("rt"), Optional.of(NOW.plusSeconds(3600)),
            "patient/*.read", "p", Optional.empty(), NOW.minusSeconds(5), NOW.minusSeconds(5), Optional.empty());
        StoredPlanToken justRenewed = new StoredPlanToken("at", Optional.of("rt"), Optional.of(NOW.plusSeconds(3600)),
            "patient/*.read", "p", Optional.empty(), NOW.minusSeconds(5), linkedAt, Optional.empty());
        StoredPlanToken renewedLongAgo = new StoredPlanToken("at", Optional.of("rt"),
            Optional.of(NOW.plusSeconds(3600)),
            "patient/*.read", "p", Optional.empty(), NOW.minusSeconds(600), linkedAt, Optional.empty());

        assertEquals(false, RenewalFlight.isFreshlyRenewed(justLinked, NOW), "a plan may revoke a fresh link: renew");
        assertEquals(true, RenewalFlight.isFreshlyRenewed(justRenewed, NOW));
        assertEquals(false, RenewalFlight.isFreshlyRenewed(renewedLongAgo, NOW));
    }

    private static PlanProfile profile(RefreshTokens refresh, Optional<Duration> maxAuthorization) {
        PlanProfile standard = PlanProfile.standard();
        return new PlanProfile(standard.patientSources(), refresh, maxAuthorization, standard.pagingMode(),
            standard.offsetParameter(), OptionalInt.empty(), OptionalInt.empty());
    }

    @Test
    void aPlanWithoutWorkingRefreshTokensNeedsARelinkAtExpiry() {
        PlanProfile none = profile(RefreshTokens.NONE, Optional.empty());

        assertEquals(TokenState.RELINK_REQUIRED, TokenState.of(token(-10L, true), NOW, none));
        assertEquals(TokenState.ACTIVE, TokenState.of(token(3600L, true), NOW, none));
    }

    @Test
    void pastTheMaximumAuthorizationPeriodNothingIsUsable() {
        // token(...) was linked an hour before NOW
        assertEquals(TokenState.RELINK_REQUIRED, TokenState.of(token(3600L, true), NOW,
            profile(RefreshTokens.REUSABLE, Optional.of(Duration.ofMinutes(60)))), "ends exactly now");
        assertEquals(TokenState.ACTIVE, TokenState.of(token(3600L, true), NOW,
            profile(RefreshTokens.REUSABLE, Optional.of(Duration.ofMinutes(61)))));
        assertEquals(Optional.of(NOW.plusSeconds(60)),
            token(3600L, true).get().authorizationEndsAt(Optional.of(Duration.ofMinutes(61))));
    }

    @Test
    void aRotatingPlanSpentTheOldRefreshTokenAndAReusableOneKeepsIt() {
        dev.payeraccess.plan.PlanTokenResponse withoutRefresh = dev.payeraccess.plan.PlanTokenResponse.parse(
            "{\"access_token\":\"at2\",\"expires_in\":3600}");
        StoredPlanToken stored = token(-10L, true).get();

        assertEquals(Optional.of("rt"), stored.renewedBy(withoutRefresh, NOW, RefreshTokens.REUSABLE).refreshToken());
        assertEquals(Optional.empty(), stored.renewedBy(withoutRefresh, NOW, RefreshTokens.ROTATING).refreshToken());
    }

    @Test
    void aPlanWithoutRefreshTokensHasNoneStoredEvenIfItSendsOne() {
        dev.payeraccess.plan.PlanTokenResponse answer = dev.payeraccess.plan.PlanTokenResponse.parse(
            "{\"access_token\":\"at\",\"refresh_token\":\"rt\"}");
        TokenBinding binding = new TokenBinding("d", Optional.empty());

        assertEquals(Optional.empty(),
            StoredPlanToken.linked(answer, "p", NOW, binding, RefreshTokens.NONE).refreshToken());
        assertEquals(Optional.of("rt"), StoredPlanToken.linked(answer, "p", NOW, binding, RefreshTokens.ROTATING)
            .refreshToken());
    }
}
