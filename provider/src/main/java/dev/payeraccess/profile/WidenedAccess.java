package dev.payeraccess.profile;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.fhir.Access;
import dev.payeraccess.fhir.SmartScopes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a plan profile would widen compared with the plan as it is (or, for a new plan, with a new plan's
 * defaults): PKCE or the audience turned off, scopes asked for that were not asked before, resource types the
 * proxy would forward that it did not. A profile comes from another organization; none of these may change
 * silently, so each must be confirmed by name. Pure.
 *
 * @param widened each widened setting's key to what it widens, in words an administrator can check
 */
public record WidenedAccess(Map<String, String> widened) {

    /**
     * @param before the plan's configuration as stored; empty for a new plan
     * @param after the configuration the profile would save
     * @param types every FHIR resource type, to tell which ones a scope newly grants
     */
    public static WidenedAccess between(Map<String, String> before, Map<String, String> after,
                                        Collection<String> types) {
        PlanIdentityProviderConfig was = config(before);
        PlanIdentityProviderConfig would = config(after);
        Map<String, String> widened = new LinkedHashMap<>();
        if (was.isPkceEnabled() && !would.isPkceEnabled()) {
            widened.put(PlanIdentityProviderConfig.PKCE, "turns PKCE off");
        }
        if (was.sendsAudience() && !would.sendsAudience()) {
            widened.put(PlanIdentityProviderConfig.SEND_AUDIENCE, "stops sending the audience (aud)");
        }
        List<String> scopes = addedScopes(was.authorizationScope(), would.authorizationScope(), types);
        if (!scopes.isEmpty()) {
            widened.put(PlanIdentityProviderConfig.DEFAULT_SCOPE, "asks the plan for " + String.join(" ", scopes));
        }
        Set<String> added = new TreeSet<>(would.allowedResourceTypes());
        added.removeAll(was.allowedResourceTypes());
        if (!added.isEmpty()) {
            widened.put(PlanIdentityProviderConfig.ALLOWED_RESOURCE_TYPES, "lets apps read "
                + String.join(", ", added));
        }
        return new WidenedAccess(Map.copyOf(widened));
    }

    public boolean isEmpty() {
        return widened.isEmpty();
    }

    /** The widened settings an administrator has not confirmed, in a stable order. */
    public List<String> unconfirmed(Set<String> confirmed) {
        return widened.keySet().stream().filter(key -> !confirmed.contains(key)).sorted().toList();
    }

    /** What each of {@code keys} widens, e.g. {@code pkceEnabled (turns PKCE off)}. */
    public String describe(List<String> keys) {
        return String.join("; ", keys.stream().map(key -> key + " (" + widened.get(key) + ")").toList());
    }

    private static PlanIdentityProviderConfig config(Map<String, String> settings) {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig();
        config.getConfig().putAll(settings);
        return config;
    }

    /**
     * The scopes {@code after} asks for beyond {@code before}: a resource scope counts when it grants a type and
     * access {@code before} did not (so {@code patient/*.read} to per-type scopes narrows, never widens), any other
     * scope ({@code offline_access}, {@code user/...} context aside) when it is new.
     */
    private static List<String> addedScopes(String before, String after, Collection<String> types) {
        Set<String> was = Set.of(before.trim().split("\\s+"));
        SmartScopes wasGranted = SmartScopes.parse(before);
        List<String> added = new ArrayList<>();
        for (String scope : new TreeSet<>(Arrays.asList(after.trim().split("\\s+")))) {
            SmartScopes granted = SmartScopes.parse(scope);
            boolean resourceScope = granted.namesAnyResource();
            boolean grantsMore = types.stream().anyMatch(type -> Arrays.stream(Access.values())
                .anyMatch(access -> granted.allows(type, access) && (!wasGranted.allows(type, access)
                    || granted.inUserContext(type, access) && !wasGranted.inUserContext(type, access))));
            if (resourceScope ? grantsMore : !scope.isEmpty() && !was.contains(scope)) {
                added.add(scope);
            }
        }
        return added;
    }
}
