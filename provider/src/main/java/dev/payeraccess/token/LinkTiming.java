package dev.payeraccess.token;

import dev.payeraccess.linkschedule.LinkTimes;
import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.plan.RefreshTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A link's times for the link schedule, from its tokens and the plan's profile: pure, so the schedule's rows and
 * the renewal's decisions are unit-tested.
 */
public final class LinkTiming {

    /**
     * A link is renewed half-way through its refresh token's idle lifetime, but never earlier than a day before it
     * lapses: with a 30-day idle lifetime, after 29 days; with 20 seconds, after 10.
     */
    static final Duration LONGEST_LEAD = Duration.ofDays(1);

    private LinkTiming() {
    }

    /**
     * When the refresh token lapses if unused: from the plan profile's idle lifetime (counted from the token's last
     * use, which obtained the tokens), else the plan's {@code refresh_expires_in}; empty when there is nothing that
     * lapses or renewing cannot help (no refresh token, a plan whose refresh tokens are {@code none}).
     */
    public static Optional<Instant> refreshLapsesAt(StoredPlanToken tokens, PlanProfile profile) {
        if (tokens.refreshToken().isEmpty() || profile.refreshTokens() == RefreshTokens.NONE) {
            return Optional.empty();
        }
        return profile.refreshTokenIdle().map(tokens.obtainedAt()::plus).or(tokens::refreshExpiresAt);
    }

    /**
     * When the link should be renewed so its refresh token does not lapse unused; empty when it does not lapse, or
     * when the member's authorization ends first (renewing cannot extend it).
     */
    public static Optional<Instant> renewBy(StoredPlanToken tokens, PlanProfile profile) {
        Optional<Instant> lapse = refreshLapsesAt(tokens, profile);
        if (lapse.isEmpty() || !lapse.get().isAfter(tokens.obtainedAt())) {
            return Optional.empty();
        }
        Duration half = Duration.between(tokens.obtainedAt(), lapse.get()).dividedBy(2);
        Instant renewBy = lapse.get().minus(half.compareTo(LONGEST_LEAD) < 0 ? half : LONGEST_LEAD);
        Optional<Instant> grantEnds = tokens.authorizationEndsAt(profile.maxAuthorization());
        return grantEnds.isPresent() && !renewBy.isBefore(grantEnds.get()) ? Optional.empty() : Optional.of(renewBy);
    }

    /**
     * The schedule's row for {@code link} as it is now.
     *
     * @param because why the link needs reconnecting when the caller knows better than the link shows (a refused
     *     renewal clears the tokens, which leaves an unreadable link)
     */
    public static LinkTimes of(MemberLink link, PlanProfile profile, Instant now, Optional<RelinkReason> because) {
        Optional<StoredPlanToken> readable = link.readable();
        TokenState state = TokenState.of(link.usable(), now, profile);
        Optional<RelinkReason> reason = state == TokenState.RELINK_REQUIRED
            ? because.or(() -> Optional.of(reasonOf(link, profile, now))) : Optional.empty();
        return new LinkTimes(readable.map(StoredPlanToken::linkedAt),
            state == TokenState.RELINK_REQUIRED ? Optional.empty() : link.usable().flatMap(t -> renewBy(t, profile)),
            readable.flatMap(t -> t.authorizationEndsAt(profile.maxAuthorization())), state.wireName(),
            reason.map(RelinkReason::wireName));
    }

    /** Why a link that needs reconnecting does, as far as the link itself shows. */
    public static RelinkReason reasonOf(MemberLink link, PlanProfile profile, Instant now) {
        if (link instanceof MemberLink.ObtainedForOtherSettings) {
            return RelinkReason.PLAN_SETTINGS_CHANGED;
        }
        Optional<StoredPlanToken> usable = link.usable();
        if (usable.isEmpty()) {
            return RelinkReason.TOKENS_UNREADABLE;
        }
        return usable.get().authorizationEnded(profile.maxAuthorization(), now) ? RelinkReason.AUTHORIZATION_ENDED
            : RelinkReason.ACCESS_EXPIRED;
    }
}
