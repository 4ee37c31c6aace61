package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenStateTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

    private static Optional<StoredPayerToken> token(Long expiresInSeconds, boolean refreshable) {
        return Optional.of(new StoredPayerToken("at", refreshable ? Optional.of("rt") : Optional.empty(),
            Optional.ofNullable(expiresInSeconds).map(NOW::plusSeconds), "patient/*.read", "p", Optional.empty(),
            NOW.minusSeconds(3600), NOW.minusSeconds(3600), Optional.empty()));
    }

    private static Optional<StoredPayerToken> obtainedNow(long lifetimeSeconds) {
        return Optional.of(new StoredPayerToken("at", Optional.of("rt"), Optional.of(NOW.plusSeconds(lifetimeSeconds)),
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
        StoredPayerToken justLinked = new StoredPayerToken("at", Optional.of("rt"), Optional.of(NOW.plusSeconds(3600)),
            "patient/*.read", "p", Optional.empty(), NOW.minusSeconds(5), NOW.minusSeconds(5), Optional.empty());
        StoredPayerToken justRenewed = new StoredPayerToken("at", Optional.of("rt"), Optional.of(NOW.plusSeconds(3600)),
            "patient/*.read", "p", Optional.empty(), NOW.minusSeconds(5), linkedAt, Optional.empty());
        StoredPayerToken renewedLongAgo = new StoredPayerToken("at", Optional.of("rt"), Optional.of(NOW.plusSeconds(3600)),
            "patient/*.read", "p", Optional.empty(), NOW.minusSeconds(600), linkedAt, Optional.empty());

        assertEquals(false, RenewalFlight.isFreshlyRenewed(justLinked, NOW), "a plan may revoke a fresh link: renew");
        assertEquals(true, RenewalFlight.isFreshlyRenewed(justRenewed, NOW));
        assertEquals(false, RenewalFlight.isFreshlyRenewed(renewedLongAgo, NOW));
    }
}
