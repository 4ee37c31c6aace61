package dev.payeraccess.broker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The scope Keycloak asks a plan for on authorize, built the way the plan's {@link ScopeStyle} says. */
final class PlanScopes {

    /** A SMART resource scope of any context and version, e.g. {@code patient/*.read}, {@code user/Coverage.rs}. */
    private static final Pattern RESOURCE_SCOPE = Pattern.compile("^(patient|user|system)/.+");

    private PlanScopes() {
    }

    /**
     * @param typed the plan's Scopes field; with a style other than {@link ScopeStyle#AS_TYPED} its resource
     *     scopes are replaced and its other scopes ({@code openid}, {@code fhirUser}, {@code offline_access},
     *     {@code launch/patient}) are kept
     * @param resourceTypes the types the proxy forwards for this plan: what granular styles ask for
     */
    static String requested(ScopeStyle style, String typed, List<String> resourceTypes) {
        if (style == ScopeStyle.AS_TYPED) {
            return typed.trim();
        }
        List<String> scopes = new ArrayList<>(switch (style) {
            case SMART_V1 -> List.of("patient/*.read");
            case SMART_V2 -> List.of("patient/*.rs");
            case SMART_V1_GRANULAR -> resourceTypes.stream().map(t -> "patient/" + t + ".read").toList();
            case SMART_V2_GRANULAR -> resourceTypes.stream().map(t -> "patient/" + t + ".rs").toList();
            case AS_TYPED -> List.<String>of();
        });
        Arrays.stream(typed.trim().split("\\s+"))
            .filter(s -> !s.isEmpty() && !RESOURCE_SCOPE.matcher(s).matches() && !scopes.contains(s))
            .forEach(scopes::add);
        return String.join(" ", scopes);
    }
}
