package dev.payeraccess.proxy;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * May this caller have this resource type from this plan? Three layers must all agree: the scopes of the
 * app's Keycloak token, the scopes the plan granted when the member linked it, and the types the realm's
 * administrator allows for the plan. Pure: the proxy asks it before any call to the plan, and again for
 * every entry a plan's Bundle carries (see {@link #mayReturn(String)}).
 *
 * <p>A plan that granted no {@code patient/} or {@code user/} scope at all (it answered without
 * {@code scope}, or with {@code openid} only) has stated no type restriction; the plan itself still
 * enforces what it granted on every call.
 */
public final class ScopePolicy {

    private final SmartScopes caller;
    private final SmartScopes plan;
    private final Set<String> adminAllowed;

    private ScopePolicy(SmartScopes caller, SmartScopes plan, Set<String> adminAllowed) {
        this.caller = caller;
        this.plan = plan;
        this.adminAllowed = adminAllowed;
    }

    /**
     * @param callerScope the {@code scope} claim of the app's Keycloak access token
     * @param planScope the {@code scope} the plan's token response granted (may be empty)
     * @param allowedTypes the plan's {@code allowedResourceTypes}
     */
    public static ScopePolicy of(String callerScope, String planScope, Collection<String> allowedTypes) {
        return new ScopePolicy(SmartScopes.parse(callerScope), SmartScopes.parse(planScope), Set.copyOf(allowedTypes));
    }

    /** Whether all three layers allow {@code access} to {@code type}; {@link #refusal} says why not. */
    public boolean allows(String type, Access access) {
        return adminAllowed.contains(type) && caller.allows(type, access)
            && (!plan.namesAnyResource() || plan.allows(type, access));
    }

    /** Why {@code access} to {@code type} is refused, written for the app's developer; empty when allowed. */
    public Optional<String> refusal(String type, Access access) {
        if (allows(type, access)) {
            return Optional.empty();
        }
        if (!adminAllowed.contains(type)) {
            return Optional.of("This plan's administrator does not allow " + type + " through the proxy (allowed: "
                + String.join(", ", adminAllowed.stream().sorted().toList()) + ").");
        }
        if (!caller.allows(type, access)) {
            return Optional.of("The access token's scopes do not allow " + (access == Access.READ ? "reading " : "searching ")
                + type + ". Request patient/" + type + ".read (SMART v1) or patient/" + type + "." + v2Letter(access)
                + " (v2), or a wildcard such as patient/*.read.");
        }
        return Optional.of("The member did not grant this app's organization access to " + type
            + " at the plan; relinking the plan with a wider scope would be needed.");
    }

    /**
     * Whether a resource of {@code type} may be handed to the caller inside a search's answer. Asked once
     * per Bundle entry while the answer streams, so it builds no message.
     */
    public boolean mayReturn(String type) {
        return allows(type, Access.SEARCH) || allows(type, Access.READ);
    }

    private static String v2Letter(Access access) {
        return access == Access.READ ? "r" : "s";
    }
}
