package dev.payeraccess.token;

import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.plan.RefreshTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a member's stored plan tokens are good for right now, as the links API reports it. */
public enum TokenState {
    /** The access token is valid beyond the refresh margin. */
    ACTIVE("active"),
    /** The access token expired (or is about to) and a refresh token can renew it. */
    REFRESHABLE("refreshable"),
    /** Nothing usable is stored: the member must link the plan again. */
    RELINK_REQUIRED("relink-required");

    /**
     * Access tokens this close to expiry are refreshed before use, so they count as expired: 30 seconds,
     * or half the token's lifetime when the plan issues tokens shorter than a minute (else every request
     * would refresh).
     */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    private final String wireName;

    TokenState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** {@link #of(Optional, Instant, PlanProfile)} for a plan that follows the standard. */
    public static TokenState of(Optional<StoredPlanToken> stored, Instant now) {
        return of(stored, now, PlanProfile.standard());
    }

    /**
     * A token without {@code expires_at} is taken as active: the plan gave no lifetime, so it is tried as is.
     * Past the plan's maximum authorization period nothing is usable, and a plan whose refresh tokens are
     * {@link RefreshTokens#NONE} is never renewed.
     */
    public static TokenState of(Optional<StoredPlanToken> stored, Instant now, PlanProfile plan) {
        if (stored.isEmpty() || stored.get().authorizationEnded(plan.maxAuthorization(), now)) {
            return RELINK_REQUIRED;
        }
        Optional<Instant> expiresAt = stored.get().expiresAt();
        if (expiresAt.isEmpty() || expiresAt.get().isAfter(now.plus(margin(stored.get(), expiresAt.get())))) {
            return ACTIVE;
        }
        return stored.get().refreshToken().isPresent() && plan.refreshTokens() != RefreshTokens.NONE
            ? REFRESHABLE : RELINK_REQUIRED;
    }

    private static Duration margin(StoredPlanToken stored, Instant expiresAt) {
        Duration half = Duration.between(stored.obtainedAt(), expiresAt).dividedBy(2);
        return half.isNegative() || half.compareTo(REFRESH_MARGIN) >= 0 ? REFRESH_MARGIN : half;
    }
}
