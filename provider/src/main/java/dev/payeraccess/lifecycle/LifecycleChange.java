package dev.payeraccess.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One change of a link's or a plan's state, in ids, aliases, states and times only: never a token, never anything
 * of the member's health data, never what a plan answered. It is what the Keycloak event's details and a webhook's
 * {@code data} are made of.
 *
 * @param plan the plan's alias
 * @param userId the member whose link changed; empty for a plan's health
 * @param state the state after the change: a link's ({@code active}, {@code relink-required}, {@code unlinked}) or a
 *     plan's ({@code up}, {@code degraded}, {@code down})
 * @param previousState the state before, when known
 * @param reason why, in a word the app can switch on (e.g. {@code plan_refused_renewal}), when there is one
 * @param at when the change happened
 * @param expiresAt the time that matters next: the renewed access token's expiry, the grant's end
 */
public record LifecycleChange(LifecycleKind kind, String plan, Optional<String> userId, String state,
                              Optional<String> previousState, Optional<String> reason, Instant at,
                              Optional<Instant> expiresAt) {

    /** The detail that marks an event as a lifecycle event, and its value. */
    public static final String MARK = "payer_access";
    public static final String MARK_VALUE = "lifecycle";
    /** The detail holding the kind's wire name. */
    public static final String KIND = "lifecycle";
    /** Keycloak's own detail name for the identity provider's alias. */
    public static final String PLAN = "identity_provider";

    /** A change of a member's link. */
    public static LifecycleChange ofLink(LifecycleKind kind, String plan, String userId, String state,
                                         Optional<String> reason, Instant at, Optional<Instant> expiresAt) {
        return new LifecycleChange(kind, plan, Optional.of(userId), state, Optional.empty(), reason, at, expiresAt);
    }

    /** The member's grant to {@code plan} ends at {@code endsAt}: for the task that looks ahead at grants. */
    public static LifecycleChange grantEnding(String plan, String userId, Instant endsAt, Instant at) {
        return ofLink(LifecycleKind.GRANT_ENDING, plan, userId, "active", Optional.of("grant_ends_soon"), at,
            Optional.of(endsAt));
    }

    /** A plan's health went from {@code before} to {@code now} at {@code since}. */
    public static LifecycleChange planHealth(String plan, String before, String now, Instant since) {
        return new LifecycleChange(LifecycleKind.PLAN_HEALTH, plan, Optional.empty(), now, Optional.of(before),
            Optional.empty(), since, Optional.empty());
    }

    /**
     * The Keycloak event's error, for the kinds recorded as an error type: a link that must be relinked or was
     * revoked, a plan that is not up ({@code plan_down}, as the health probe has recorded it since it exists).
     */
    public Optional<String> error() {
        return switch (kind) {
            case RELINK_REQUIRED -> Optional.of("relink_required");
            case REVOKED -> Optional.of("revoked_by_plan");
            case PLAN_HEALTH -> "up".equals(state) ? Optional.empty() : Optional.of("plan_" + state);
            default -> Optional.empty();
        };
    }

    /** The event's details: the mark, the kind, the plan, the states, the reason and the times. */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(MARK, MARK_VALUE);
        details.put(KIND, kind.type());
        details.put(PLAN, plan);
        if (kind == LifecycleKind.PLAN_HEALTH) {
            details.put("plan_status", state);
            previousState.ifPresent(before -> details.put("previous_status", before));
            details.put("since", at.toString());
        } else {
            details.put("link_state", state);
        }
        reason.ifPresent(why -> details.put("reason", why));
        expiresAt.ifPresent(time -> details.put("expires_at", time.toString()));
        return details;
    }
}
