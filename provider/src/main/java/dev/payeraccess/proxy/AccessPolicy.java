package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblem;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The proxy's one access decision: may this caller have what this request asks of this plan, and which
 * of the resources that come back? Pure, so it is unit-tested as a table; the forwarding code only obeys
 * its {@link AccessDecision}.
 *
 * <p>Three layers must all agree on each resource type: the scopes of the app's Keycloak token, the
 * scopes the plan granted when the member linked it, and the types the realm's administrator allows for
 * the plan. A plan that granted no {@code patient/} or {@code user/} scope at all (it answered without
 * {@code scope}, or with {@code openid} only) has stated no type restriction; the plan itself still
 * enforces what it granted on every call.
 *
 * <p>A search reaches other types through its parameters, and each must be readable too:
 * <ul>
 *   <li>{@code _revinclude=Source:param}: returns resources of {@code Source};</li>
 *   <li>{@code _include=Type:param:Target}: returns resources of the named {@code Target};</li>
 *   <li>a chain {@code param.field=} or {@code param:Target.field=}: filters by data of the target type,
 *       so every type the reference can point at must be readable (HAPI's R4 definitions say which);</li>
 *   <li>{@code _has:Source:param:field=}: filters by data of {@code Source}.</li>
 * </ul>
 * An {@code _include} without a target type ({@code ExplanationOfBenefit:provider}, {@code *}) is
 * forwarded: whatever it brings back that the caller may not read is removed from the answer instead,
 * so asking for an include never costs the app its main results.
 */
public final class AccessPolicy {

    private final SmartScopes caller;
    private final SmartScopes plan;
    private final Set<String> adminAllowed;
    private final ReferenceTargets targets;

    private AccessPolicy(SmartScopes caller, SmartScopes plan, Set<String> adminAllowed, ReferenceTargets targets) {
        this.caller = caller;
        this.plan = plan;
        this.adminAllowed = adminAllowed;
        this.targets = targets;
    }

    /**
     * @param callerScope the {@code scope} claim of the app's Keycloak access token
     * @param planScope the {@code scope} the plan's token response granted (may be empty)
     * @param allowedTypes the plan's {@code allowedResourceTypes}
     * @param targets what each reference search parameter can point at
     */
    public static AccessPolicy of(String callerScope, String planScope, Collection<String> allowedTypes,
                                  ReferenceTargets targets) {
        return new AccessPolicy(SmartScopes.parse(callerScope), SmartScopes.parse(planScope), Set.copyOf(allowedTypes),
            targets);
    }

    /** The decision for {@code request}: refused with a 403 or 400, or allowed with the filter for the answer. */
    public AccessDecision decide(FhirRequest request) {
        if (request.type().isEmpty()) {
            return new AccessDecision.Allowed(request, this::mayReturn);
        }
        String type = request.type().get();
        Optional<String> refusal = refusal(type, request.access());
        if (refusal.isPresent()) {
            return new AccessDecision.Refused(FhirProblem.forbidden(refusal.get()));
        }
        for (SearchParameter p : request.parameters()) {
            Optional<FhirProblem> reach = reachRefusal(type, p);
            if (reach.isPresent()) {
                return new AccessDecision.Refused(reach.get());
            }
        }
        return new AccessDecision.Allowed(request, this::mayReturn);
    }

    /**
     * Whether a resource of {@code type} may be handed to the caller inside an answer. Asked once per
     * Bundle entry while the answer streams, so it builds no message.
     */
    boolean mayReturn(String type) {
        return allows(type, Access.SEARCH) || allows(type, Access.READ);
    }

    private boolean allows(String type, Access access) {
        return adminAllowed.contains(type) && caller.allows(type, access)
            && (!plan.namesAnyResource() || plan.allows(type, access));
    }

    /** Why {@code access} to {@code type} is refused, written for the app's developer; empty when allowed. */
    private Optional<String> refusal(String type, Access access) {
        if (allows(type, access)) {
            return Optional.empty();
        }
        if (!adminAllowed.contains(type)) {
            return Optional.of("This plan's administrator does not allow " + type + " through the proxy (allowed: "
                + String.join(", ", adminAllowed.stream().sorted().toList()) + ").");
        }
        if (!caller.allows(type, access)) {
            return Optional.of("The access token's scopes do not allow " + (access == Access.READ ? "reading " : "searching ")
                + type + ". Request patient/" + type + ".read (SMART v1) or patient/" + type + "."
                + (access == Access.READ ? "r" : "s") + " (v2), or a wildcard such as patient/*.read.");
        }
        return Optional.of("The member did not grant this app's organization access to " + type
            + " at the plan; relinking the plan with a wider scope would be needed.");
    }

    private Optional<FhirProblem> reachRefusal(String type, SearchParameter p) {
        Optional<Set<String>> reached = reached(type, p);
        if (reached.isEmpty()) {
            String reference = p.name().substring(0, p.name().indexOf('.'));
            return Optional.of(FhirProblem.badRequest("Chained parameter '" + reference + ".' is not a reference "
                + "search parameter of " + type + "; name the target type, e.g. " + reference + ":Patient.name."));
        }
        for (String other : reached.get()) {
            if (!mayReturn(other)) {
                return Optional.of(FhirProblem.forbidden("Parameter " + p.name() + " reaches " + other
                    + ", which this caller may not read: " + refusal(other, Access.SEARCH).orElse("")));
            }
        }
        return Optional.empty();
    }

    /** The types {@code p} reaches besides {@code type}; empty when a chain cannot be resolved. */
    private Optional<Set<String>> reached(String type, SearchParameter p) {
        String name = p.name();
        if (name.equals("_revinclude") || name.startsWith("_revinclude:")) {
            return Optional.of(Set.of(firstPart(p.value())));
        }
        if (name.equals("_include") || name.startsWith("_include:")) {
            String[] parts = p.value().split(":");
            return Optional.of(parts.length >= 3 ? Set.of(parts[2]) : Set.of());
        }
        if (name.startsWith("_has:")) {
            String[] parts = name.split(":");
            return Optional.of(parts.length >= 2 ? Set.of(parts[1]) : Set.of());
        }
        int dot = name.indexOf('.');
        return dot > 0 ? chained(type, name.substring(0, dot)) : Optional.of(Set.of());
    }

    private Optional<Set<String>> chained(String type, String reference) {
        int colon = reference.indexOf(':');
        if (colon > 0) {
            return Optional.of(Set.of(reference.substring(colon + 1)));
        }
        return targets.of(type, reference).map(LinkedHashSet::new);
    }

    private static String firstPart(String value) {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
