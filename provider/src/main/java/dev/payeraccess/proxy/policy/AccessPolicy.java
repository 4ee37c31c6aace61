package dev.payeraccess.proxy.policy;

import dev.payeraccess.fhir.Access;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.ScopeQuery;
import dev.payeraccess.fhir.SearchParameters;
import dev.payeraccess.fhir.SmartScopes;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.SearchParameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy's one access decision: may this caller have what this request asks of this plan, what exactly
 * is forwarded, and which of the resources that come back reach the app? Pure, so it is unit-tested as a
 * table; the forwarding code only obeys its {@link AccessDecision}.
 *
 * <p><b>Types.</b> Three layers must all agree on each resource type: the scopes of the app's Keycloak
 * token, the scopes the plan granted when the member linked it, and the types the realm's administrator
 * allows for the plan. A plan that granted no {@code patient/} or {@code user/} scope at all has stated no
 * type restriction; the plan itself still enforces what it granted on every call.
 *
 * <p><b>Reach.</b> A search reaches other types through its parameters, and each must be readable too:
 * {@code _revinclude} (its source type), a typed {@code _include} (its target), every hop of a chain (every
 * type the reference can point at, from HAPI's R4 definitions), and every level of {@code _has}, also inside
 * chains. Parameters whose reach the proxy cannot check ({@code _filter}, {@code _query}, {@code _list},
 * {@code _text}, {@code _content}, {@code _contained}, {@code _containedType}) are refused. A name the proxy
 * does not know is forwarded only as a plain value, never chained or with a modifier. An untyped
 * {@code _include} is forwarded: what it brings back that the caller may not read is removed instead.
 *
 * <p><b>Patient.</b> A caller whose access to a type comes from {@code patient/} scopes only stays on the linked
 * patient, not the household FHIR's Patient compartment would reach through a subscriber, payee or policy holder:
 * <ul>
 * <li>a search is pinned: unless the type's pinning parameter ({@link SearchParameters#pinningParameter}:
 * {@code patient}, {@code subject}, {@code beneficiary}, {@code _id} of Patient) already names the member, it is
 * added, also when another compartment parameter ({@code subscriber}, {@code payee}) names the member; any of them
 * naming another patient is refused (403);</li>
 * <li>of what comes back, a resource of a compartment type passes only when its own subject, the element its
 * pinning parameter searches ({@link SearchParameters#pinningElement}: {@code Coverage.beneficiary},
 * {@code ExplanationOfBenefit.patient}, {@code Observation.subject}), is the member, and a Patient only when it is
 * the member: a dependent's claim or a subscriber brought in by {@code _include} is withheld;</li>
 * <li>a read of another patient's resource looks like an id the plan does not know (404), and such requests go to
 * the plan without conditional headers ({@link AccessDecision.Allowed#asSent}).</li>
 * </ul>
 * A search the caller makes with {@code user/} scopes keeps what the plan grants (at a plan, a parent's login may
 * see dependents), but each chain hop and {@code _has} level in it that reaches a type the caller reads through
 * {@code patient/} scopes only is refused: a hop cannot be pinned. So is such a hop in a search of a directory type
 * (Organization, Practitioner), which is never pinned. Included resources of such types are filtered as above.
 *
 * <p><b>Granular scopes.</b> A type the caller's token grants only through SMART 2.0 scopes with a query
 * ({@code patient/Observation.rs?category=...|laboratory}) is held to those queries ({@link GranularGrant}): a search
 * naming none of their parameters is narrowed to them, one asking outside them is refused (403); every resource of
 * that type in an answer must meet one of them (a read of one that does not looks like an unknown id, 404); a chain
 * hop or {@code _has} level into such a type is refused, as it cannot be held to the query. A query on anything but
 * a coded element grants nothing. A plan's granular grant lets the type through; the plan holds its own query.
 */
public final class AccessPolicy {

    private static final Set<String> UNCHECKABLE = Set.of("_filter", "_query", "_list", "_text", "_content",
        "_contained", "_containedType");

    private final SmartScopes caller;
    private final SmartScopes plan;
    private final Set<String> adminAllowed;
    private final SearchParameters parameters;
    private final String patientId;
    /** {@code Patient/[id]} of the linked patient, as a reference names it (also after a base URL and a slash). */
    private final String patientReference;
    private final Optional<String> offsetParameter;

    private AccessPolicy(SmartScopes caller, SmartScopes plan, Set<String> adminAllowed, SearchParameters parameters,
                         String patientId, Optional<String> offsetParameter) {
        this.caller = caller;
        this.plan = plan;
        this.adminAllowed = adminAllowed;
        this.parameters = parameters;
        this.patientId = patientId;
        this.patientReference = "Patient/" + patientId;
        this.offsetParameter = offsetParameter;
    }

    /**
     * @param callerScope the {@code scope} claim of the app's Keycloak access token
     * @param planScope the {@code scope} the plan's token response granted (may be empty)
     * @param allowedTypes the plan's {@code allowedResourceTypes}
     * @param patientId the member's FHIR Patient id at the plan, from the link
     */
    public static AccessPolicy of(String callerScope, String planScope, Collection<String> allowedTypes,
                                  SearchParameters parameters, String patientId) {
        return new AccessPolicy(SmartScopes.parse(callerScope), SmartScopes.parse(planScope), Set.copyOf(allowedTypes),
            parameters, patientId, Optional.empty());
    }

    /**
     * The same policy at a plan that pages by {@code name} ({@code offsetParameter}, e.g. {@code startIndex}): a
     * parameter of that name is paging, forwarded as it is, whatever the type's search parameters are called.
     */
    public AccessPolicy pagingBy(String name) {
        return new AccessPolicy(caller, plan, adminAllowed, parameters, patientId, Optional.of(name));
    }

    /** The decision for {@code request}: refused with a 403 or 400, or allowed with what to forward and return. */
    public AccessDecision decide(FhirRequest request) {
        if (request.type().isEmpty()) {
            return refused(FhirProblem.forbidden("A page of results is read with the page link the proxy handed "
                + "out in the search's answer (Bundle.link next); this one was not issued here."));
        }
        String type = request.type().get();
        Optional<String> refusal = refusal(type, request.access());
        if (refusal.isPresent()) {
            return refused(FhirProblem.forbidden(refusal.get()));
        }
        boolean userSearch = userContext(type, request.access());
        boolean unpinned = userSearch || !inCompartment(type); // a directory type's search is not pinned either
        for (SearchParameter p : request.parameters()) {
            Set<String> hops = new LinkedHashSet<>();
            Optional<FhirProblem> reach = reach(type, p, hops);
            if (reach.isEmpty() && unpinned) {
                reach = unpinnedHop(p, hops);
            }
            if (reach.isEmpty()) {
                reach = granularHop(p, hops);
            }
            if (reach.isPresent()) {
                return refused(reach.get());
            }
        }
        if (request.interaction() == Interaction.SEARCH && !caller.allows(type, Access.SEARCH)) {
            GranularGrant.Decided kept = granted(type, Access.SEARCH).searched(request);
            if (kept.problem().isPresent()) {
                return refused(kept.problem().get());
            }
            return userSearch ? allowed(kept.forwarded().orElseThrow())
                : inCompartment(type, kept.forwarded().orElseThrow());
        }
        if (userSearch) {
            return allowed(request);
        }
        return inCompartment(type, request);
    }

    /** What granular scopes grant of {@code access} to {@code type}, their queries the proxy can check. */
    private GranularGrant granted(String type, Access access) {
        return GranularGrant.of(type, caller.restrictions(type, access), parameters);
    }

    /** In the user context: through a {@code user/} scope, or only {@code user/} granular ones. */
    private boolean userContext(String type, Access access) {
        return caller.inUserContext(type, access) || caller.restrictedInUserContext(type, access);
    }

    /** 403 when a chain hop or {@code _has} level reaches a type the caller reads through granular scopes only. */
    private Optional<FhirProblem> granularHop(SearchParameter p, Set<String> hops) {
        for (String hop : hops) {
            if (!caller.allows(hop, Access.SEARCH)) {
                return Optional.of(FhirProblem.forbidden("Parameter " + p.name() + " reaches " + hop + ", which the "
                    + "access token's scopes grant only under a query (SMART granular scopes); a chain or _has cannot "
                    + "be held to it. Search " + hop + " itself."));
            }
        }
        return Optional.empty();
    }

    private AccessDecision inCompartment(String type, FhirRequest request) {
        if (request.interaction() == Interaction.PAGE) {
            return allowed(request); // the search that made the page was pinned
        }
        boolean isPatient = type.equals("Patient");
        if (isPatient && request.id().isPresent() && !request.id().get().equals(patientId)) {
            return refused(FhirProblem.otherPatientsResource("Resource Patient is not known at this plan."));
        }
        Set<String> named = isPatient ? Set.of("_id") : parameters.patientParameters(type);
        Optional<String> pinning = parameters.pinningParameter(type);
        boolean pinned = false;
        for (SearchParameter p : request.parameters()) {
            String base = baseName(p.name());
            if (named.contains(base) && !p.name().contains(".")) {
                if (!namesLinkedPatient(p)) {
                    return refused(otherPatient());
                }
                // subscriber=Patient/{member} is a household's coverage: it does not keep the search on the member
                pinned |= pinning.map(base::equals).orElse(false);
            }
        }
        if (pinned || request.interaction() != Interaction.SEARCH || pinning.isEmpty()) {
            return allowed(request);
        }
        return allowed(request.with(pin(type)));
    }

    /**
     * Allowed, with the answer's filter; the plan is not asked conditionally where the filter looks inside what
     * comes back: the resource read, or any type a search could bring.
     */
    private AccessDecision allowed(FhirRequest forwarded) {
        AnswerFilter answer = answerFilter();
        String type = forwarded.type().orElseThrow();
        boolean read = forwarded.interaction() == Interaction.READ || forwarded.interaction() == Interaction.VREAD;
        boolean decides = read ? answer.byType(type) == AnswerFilter.Verdict.INSPECT
            : adminAllowed.stream().anyMatch(t -> answer.byType(t) == AnswerFilter.Verdict.INSPECT);
        return new AccessDecision.Allowed(forwarded, answer, decides);
    }

    /**
     * 403 when a chain hop or {@code _has} level of a search that is not pinned (a {@code user/} search, or one of a
     * type outside the compartment such as Organization) reaches a type the caller reads through {@code patient/}
     * scopes only: the hop would select by another patient's resources, and cannot be pinned.
     */
    private Optional<FhirProblem> unpinnedHop(SearchParameter p, Set<String> hops) {
        for (String hop : hops) {
            if (inCompartment(hop) && !userContext(hop, Access.SEARCH)) {
                return Optional.of(FhirProblem.forbidden("Parameter " + p.name() + " reaches " + hop + ", which the "
                    + "access token's patient/ scopes allow for the linked patient only; a chain or _has cannot be "
                    + "held to that patient. Search " + hop + " itself, or ask for user/" + hop + ".read."));
            }
        }
        return Optional.empty();
    }

    private boolean inCompartment(String type) {
        return type.equals("Patient") || !parameters.patientParameters(type).isEmpty();
    }

    /** The parameter that pins a search to the linked patient. */
    private SearchParameter pin(String type) {
        String name = parameters.pinningParameter(type).orElseThrow();
        return new SearchParameter(name, type.equals("Patient") ? patientId : "Patient/" + patientId);
    }

    private static boolean planAllows(SmartScopes plan, String type, Access access) {
        return !plan.namesAnyResource() || plan.grantsAny(type, access);
    }

    /** Every value of the parameter (OR-ed with commas) names the linked patient; no modifier but {@code :Patient}. */
    private boolean namesLinkedPatient(SearchParameter p) {
        int colon = p.name().indexOf(':');
        if (colon > 0 && !p.name().substring(colon + 1).equals("Patient")) {
            return false;
        }
        for (String value : p.value().split(",", -1)) {
            String v = value.trim();
            if (!(v.equals(patientId) || isLinkedPatient(v))) {
                return false;
            }
        }
        return true;
    }

    /** {@code Patient/{id}}, relative or absolute, of the linked patient. */
    private boolean isLinkedPatient(String reference) {
        return reference.equals(patientReference) || reference.endsWith(patientReference)
            && reference.charAt(reference.length() - patientReference.length() - 1) == '/';
    }

    private FhirProblem otherPatient() {
        return FhirProblem.forbidden("The access token's patient/ scopes allow only the linked patient's data "
            + "(Patient/" + patientId + "); ask for user/ scopes to read other patients the member may see.");
    }

    /**
     * What comes back: types the caller may read, each resource by a grant that takes it. A scope without query in the
     * user context takes any resource of its type; one in the patient context only the linked patient's (directory
     * types are nobody's); a granular scope only what meets its query, and in the patient context only the linked
     * patient's too. Read and search grants both count, as what one gives the other could fetch.
     */
    private AnswerFilter answerFilter() {
        return new AnswerFilter() {
            /** Asked for every resource of the answer: worked out once per type. */
            private final Map<String, Set<String>> codedElements = new ConcurrentHashMap<>();

            @Override
            public Verdict byType(String type) {
                if (!AccessPolicy.this.mayReturn(type)) {
                    return Verdict.WITHHOLD;
                }
                return takesAny(type) ? Verdict.RETURN : Verdict.INSPECT;
            }

            @Override
            public Set<String> codedElements(String type) {
                return codedElements.computeIfAbsent(type, t -> {
                    if (takesAny(t)) {
                        return Set.of();
                    }
                    Set<String> elements = new LinkedHashSet<>(queries(t, true).elements());
                    elements.addAll(queries(t, false).elements());
                    return Collections.unmodifiableSet(elements);
                });
            }

            @Override
            public boolean mayReturn(String type, String id, Map<String, Set<String>> references,
                                     Map<String, Set<String>> codes) {
                if (takesAny(type)) {
                    return true;
                }
                boolean member = !inCompartment(type) || aboutMember(type, id, references);
                if (member && unrestricted(type)) {
                    return true; // a patient/ scope without query
                }
                return queries(type, true).admits(codes) || member && queries(type, false).admits(codes);
            }

            /** Without codes: a type held to granular scopes is withheld, as nothing says it meets their queries. */
            @Override
            public boolean mayReturn(String type, String id, Map<String, Set<String>> references) {
                return mayReturn(type, id, references, Map.of());
            }

            /**
             * Its own subject, not any reference: a Coverage whose subscriber is the member covers a dependent, and
             * a claim paid to the member (payee) may be a dependent's. A type whose subject the proxy cannot find
             * at the resource's top level is withheld.
             */
            private boolean aboutMember(String type, String id, Map<String, Set<String>> references) {
                if (type.equals("Patient")) {
                    return id.equals(patientId);
                }
                Set<String> subject = parameters.pinningElement(type)
                    .map(element -> references.getOrDefault(element, Set.of())).orElse(Set.of());
                if (subject.isEmpty()) {
                    return false;
                }
                for (String reference : subject) {
                    if (!isLinkedPatient(reference)) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    /**
     * Whether every resource of {@code type} in an answer may be passed without a look: a {@code user/} scope without
     * query grants it, or it is a directory type a scope without query grants.
     */
    private boolean takesAny(String type) {
        return caller.inUserContext(type, Access.SEARCH) || caller.inUserContext(type, Access.READ)
            || !inCompartment(type) && unrestricted(type);
    }

    /** Whether a scope without query, in either context, grants reading or searching {@code type}. */
    private boolean unrestricted(String type) {
        return caller.allows(type, Access.SEARCH) || caller.allows(type, Access.READ);
    }

    /** The queries of the granular scopes of one context that grant reading or searching {@code type}. */
    private GranularGrant queries(String type, boolean userContext) {
        List<ScopeQuery> queries = new ArrayList<>(userContext ? caller.userQueries(type, Access.SEARCH)
            : caller.patientQueries(type, Access.SEARCH));
        queries.addAll(userContext ? caller.userQueries(type, Access.READ) : caller.patientQueries(type, Access.READ));
        return GranularGrant.of(type, queries, parameters);
    }

    /**
     * Whether a resource of {@code type} may be handed to the caller inside an answer. Asked once per
     * Bundle entry while the answer streams, so it builds no message.
     */
    boolean mayReturn(String type) {
        return allows(type, Access.SEARCH) || allows(type, Access.READ);
    }

    private boolean allows(String type, Access access) {
        return adminAllowed.contains(type) && caller.grantsAny(type, access) && planAllows(plan, type, access);
    }

    /** Why {@code access} to {@code type} is refused, written for the app's developer; empty when allowed. */
    private Optional<String> refusal(String type, Access access) {
        if (allows(type, access)) {
            boolean nothingCheckable = !caller.allows(type, access) && !granted(type, access).grantsAnything();
            return nothingCheckable ? Optional.of(granted(type, access).whyNothing()) : Optional.empty();
        }
        if (!adminAllowed.contains(type)) {
            return Optional.of("This plan's administrator does not allow " + type + " through the proxy (allowed: "
                + String.join(", ", adminAllowed.stream().sorted().toList()) + ").");
        }
        if (!caller.grantsAny(type, access)) {
            return Optional.of("The access token's scopes do not allow "
                + (access == Access.READ ? "reading " : "searching ")
                + type + ". Request patient/" + type + ".read (SMART v1) or patient/" + type + "."
                + (access == Access.READ ? "r" : "s") + " (v2), or a wildcard such as patient/*.read.");
        }
        return Optional.of("The member did not grant this app's organization access to " + type
            + " at the plan; relinking the plan with a wider scope would be needed.");
    }

    /** Whether a search parameter of this name is ever forwarded: the few whose reach cannot be checked are not. */
    public static boolean forwards(String parameterName) {
        return !UNCHECKABLE.contains(baseName(parameterName));
    }

    /** Checks what {@code p} reaches; the types its chain hops and {@code _has} levels search are added to hops. */
    private Optional<FhirProblem> reach(String type, SearchParameter p, Set<String> hops) {
        if (offsetParameter.isPresent() && offsetParameter.get().equals(p.name())) {
            return Optional.empty(); // paging: reaches nothing, whatever its name looks like ("page.offset")
        }
        String base = baseName(p.name());
        if (UNCHECKABLE.contains(base)) {
            return Optional.of(FhirProblem.badRequest("Parameter " + base + " is not forwarded: the proxy cannot check "
                + "which resources it reaches. Use ordinary search parameters of " + type + "."));
        }
        if (base.equals("_revinclude")) {
            return reaches(p, Set.of(firstPart(p.value())));
        }
        if (base.equals("_include")) {
            String[] parts = p.value().split(":");
            return parts.length >= 3 ? reaches(p, Set.of(parts[2])) : Optional.empty();
        }
        return expression(p, Set.of(type), p.name(), 0, hops);
    }

    /**
     * One level of a parameter name: a {@code _has:Source:reference:rest}, a chain hop {@code reference.rest}
     * (optionally {@code reference:Target.rest}), or the final parameter with its modifier.
     */
    private Optional<FhirProblem> expression(SearchParameter p, Set<String> types, String expression, int depth,
                                             Set<String> hops) {
        if (expression.startsWith("_has:")) {
            return reverseChain(p, types, expression, depth, hops);
        }
        int dot = expression.indexOf('.');
        if (dot > 0) {
            return chainHop(p, types, new Chain(expression.substring(0, dot), expression.substring(dot + 1)), depth,
                hops);
        }
        String name = baseName(expression);
        boolean known = types.stream().anyMatch(t -> parameters.isKnown(t, name));
        if (!known && (depth > 0 || expression.contains(":"))) {
            return Optional.of(FhirProblem.badRequest("Parameter " + p.name() + ": '" + name + "' is not a search "
                + "parameter of " + String.join(" or ", types) + " the proxy knows; unknown parameters are forwarded "
                + "only as plain values, without chains or modifiers."));
        }
        return Optional.empty();
    }

    private Optional<FhirProblem> reverseChain(SearchParameter p, Set<String> types, String expression, int depth,
                                               Set<String> hops) {
        String[] parts = expression.split(":", 4);
        if (parts.length < 4 || parts[3].isEmpty()) {
            return Optional.of(FhirProblem.badRequest("Parameter " + p.name() + ": _has takes the form "
                + "_has:Type:reference:parameter."));
        }
        Optional<FhirProblem> source = reaches(p, Set.of(parts[1]));
        if (source.isPresent()) {
            return source;
        }
        hops.add(parts[1]);
        Set<String> pointsAt = parameters.referenceTargets(parts[1], parts[2]).orElse(Set.of());
        if (pointsAt.stream().noneMatch(types::contains)) {
            return Optional.of(FhirProblem.badRequest("Parameter " + p.name() + ": " + parts[1] + "." + parts[2]
                + " is not a reference to " + String.join(" or ", types) + "."));
        }
        return expression(p, Set.of(parts[1]), parts[3], depth + 1, hops);
    }

    /** One hop of a chain, {@code reference} of {@code reference.rest} (or {@code reference:Target}), and the rest. */
    private record Chain(String hop, String rest) {
    }

    private Optional<FhirProblem> chainHop(SearchParameter p, Set<String> types, Chain chain, int depth,
                                           Set<String> hops) {
        String hop = chain.hop();
        int colon = hop.indexOf(':');
        String reference = colon > 0 ? hop.substring(0, colon) : hop;
        Set<String> pointedAt = new LinkedHashSet<>();
        types.forEach(t -> parameters.referenceTargets(t, reference).ifPresent(pointedAt::addAll));
        Set<String> targets = pointedAt;
        if (colon > 0) {
            String named = hop.substring(colon + 1);
            targets = pointedAt.contains(named) ? Set.of(named) : Set.of();
        }
        if (targets.isEmpty()) {
            return Optional.of(FhirProblem.badRequest("Chained parameter '" + hop + ".' is not a reference search "
                + "parameter of " + String.join(" or ", types) + "; name the target type, e.g. " + reference
                + ":Patient.name."));
        }
        Optional<FhirProblem> reached = reaches(p, targets);
        hops.addAll(targets);
        return reached.isPresent() ? reached : expression(p, targets, chain.rest(), depth + 1, hops);
    }

    /** 403 naming the first of {@code types} the caller may not read. */
    private Optional<FhirProblem> reaches(SearchParameter p, Set<String> types) {
        List<String> sorted = new ArrayList<>(types);
        sorted.sort(null);
        for (String other : sorted) {
            if (!mayReturn(other)) {
                return Optional.of(FhirProblem.forbidden("Parameter " + p.name() + " reaches " + other
                    + ", which this caller may not read: " + refusal(other, Access.SEARCH).orElse("")));
            }
        }
        return Optional.empty();
    }

    private static AccessDecision refused(FhirProblem problem) {
        return new AccessDecision.Refused(problem);
    }

    /** The parameter's name without modifier or chain: {@code patient} of {@code patient:Patient.name}. */
    private static String baseName(String name) {
        int end = name.length();
        int colon = name.indexOf(':');
        int dot = name.indexOf('.');
        if (colon >= 0) {
            end = colon;
        }
        if (dot >= 0 && dot < end) {
            end = dot;
        }
        return name.substring(0, end);
    }

    private static String firstPart(String value) {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
