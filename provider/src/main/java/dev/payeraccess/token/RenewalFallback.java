package dev.payeraccess.token;

import dev.payeraccess.plan.PlanProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a read may still send when its renewal left no newer token for a reason that says nothing about the member's
 * grant: the plan failed, could not be reached or asked to wait, the renewal ran out of time, or the renewal another
 * request ran (on any node) ended without storing one. Then the token the link holds is as good as before, and the
 * plan still takes it until it expires. Renewals start well before that (see {@link TokenState#REFRESH_MARGIN}), so a
 * plan's hiccup at the moment of renewal costs an app nothing; only a read whose token is about to expire, or was just
 * rejected by the plan, is left without one.
 */
final class RenewalFallback {

    /** A token with less than this left might expire on its way to the plan. */
    static final Duration MIN_LEFT = Duration.ofSeconds(2);

    private RenewalFallback() {
    }

    /** Whether {@code outcome} of a renewal leaves the grant as it was: no token, but no word against the grant. */
    static boolean grantUntouched(TokenOutcome outcome) {
        return outcome instanceof TokenOutcome.RenewalFailed || outcome instanceof TokenOutcome.RenewalTimedOut
            || outcome instanceof TokenOutcome.RenewalUnsettled;
    }

    /**
     * @param stored what the link holds now, if it may be sent to the plan as configured now
     * @param rejected the token the plan just answered 401 to, if that is why the renewal ran: never sent again
     * @return the access token to send anyway, while more than {@link #MIN_LEFT} of its life is left
     */
    static Optional<String> stillValid(Optional<StoredPlanToken> stored, Optional<String> rejected,
                                       PlanProfile profile, Instant now) {
        if (rejected.isPresent()) {
            return Optional.empty();
        }
        return stored.filter(token -> !token.authorizationEnded(profile.maxAuthorization(), now))
            .filter(token -> token.expiresAt().map(end -> end.isAfter(now.plus(MIN_LEFT))).orElse(false))
            .map(StoredPlanToken::accessToken);
    }
}
