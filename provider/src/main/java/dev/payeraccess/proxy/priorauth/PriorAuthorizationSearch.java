package dev.payeraccess.proxy.priorauth;

import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.proxy.paging.BundlePaging;
import dev.payeraccess.proxy.policy.AccessDecision;
import dev.payeraccess.proxy.policy.AnswerFilter;
import dev.payeraccess.proxy.policy.TokenMatch;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.PageParameters;
import dev.payeraccess.proxy.request.SearchParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code ExplanationOfBenefit?use=preauthorization} (or {@code use=claim}, {@code use=predetermination}, or the
 * PDex profile asked as {@code _profile=...}) at one plan, made into what the plan can answer:
 * <ul>
 * <li>{@link Mechanism#PROFILE}: the plan's CapabilityStatement declares the PDex prior-authorization profile on
 * ExplanationOfBenefit ({@code supportedProfile}) and the {@code _profile} search parameter: a search for prior
 * authorizations is forwarded as {@code _profile={PDex profile}};</li>
 * <li>{@link Mechanism#FILTER}: otherwise the plan is asked for the member's claims without {@code use}, and the
 * proxy passes on only the entries whose {@code ExplanationOfBenefit.use} is asked, holding each entry until its
 * {@code use} is read (one entry at a time, within the proxy's bound on a held entry). A page may then hold fewer
 * entries than {@code _count}, or none, while a {@code next} link still follows, and the plan's {@code Bundle.total}
 * (which counted every claim) is left out.</li>
 * </ul>
 * In both, the answer is held to the asked {@code use} (a plan that ignores {@code _profile} answers every claim),
 * and the proxy's page links carry {@code use} on to the next page: unsigned, as it only narrows what the app sees.
 */
public final class PriorAuthorizationSearch {

    /** Da Vinci PDex prior authorization (an ExplanationOfBenefit profile). */
    public static final String PROFILE =
        "http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-priorauthorization";
    /** The parameter apps ask with; R4 ExplanationOfBenefit has no such search parameter, the proxy answers it. */
    public static final String USE = PageParameters.ANSWER_USE;
    /** {@code ExplanationOfBenefit.use} of a prior authorization. */
    public static final String PREAUTHORIZATION = "preauthorization";
    private static final String TYPE = "ExplanationOfBenefit";
    private static final String CLAIM_USE = "http://hl7.org/fhir/claim-use";

    /** How the plan is asked for prior authorizations. */
    public enum Mechanism {
        /** Forwarded as {@code _profile={PDex profile}}: the plan declares the profile and the parameter. */
        PROFILE,
        /** Filtered by the proxy on {@code ExplanationOfBenefit.use}. */
        FILTER
    }

    private final Mechanism mechanism;

    private PriorAuthorizationSearch(Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    /** At a plan whose CapabilityStatement the health probe read (empty until it did: then filtered). */
    public static PriorAuthorizationSearch at(Optional<PlanCapabilities> plan) {
        boolean declared = plan.flatMap(p -> p.of(TYPE))
            .map(eob -> eob.supportsProfile(PROFILE) && eob.declares("_profile")).orElse(false);
        return new PriorAuthorizationSearch(declared ? Mechanism.PROFILE : Mechanism.FILTER);
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    /**
     * The allowed request as the plan is asked it, and its answer filter held to the asked {@code use}; any other
     * request as it is. Only ever narrows: the policy's filter still decides first.
     */
    public AccessDecision.Allowed applied(AccessDecision.Allowed allowed) {
        FhirRequest forwarded = allowed.forwarded();
        boolean searching = forwarded.interaction() == Interaction.SEARCH
            || forwarded.interaction() == Interaction.PAGE;
        if (!searching || !forwarded.type().map(TYPE::equals).orElse(false)) {
            return allowed;
        }
        List<Set<String>> uses = asked(forwarded);
        if (uses.isEmpty()) {
            return allowed;
        }
        return new AccessDecision.Allowed(atPlan(forwarded, uses), new UseFilter(allowed.answer(), uses,
            mechanism == Mechanism.FILTER), true);
    }

    /**
     * The answer's links to more of the search (page links at the plan's base and its paging hosts, a plan's own
     * search links on the type) carry the asked {@code use} on, so the next page is held to it too; a link that names
     * {@code use} already (the proxy's own offset links repeat the app's search) is left as it is.
     */
    public static BundlePaging keptOnPages(FhirRequest asked, BundlePaging paging) {
        List<String> values = asked.parameters().stream().filter(p -> p.name().equals(USE))
            .map(SearchParameter::value).toList();
        if (values.isEmpty() || !asked.type().map(TYPE::equals).orElse(false)) {
            return paging;
        }
        StringBuilder suffix = new StringBuilder();
        values.forEach(v -> suffix.append('&').append(new SearchParameter(USE, v).encoded()));
        UnaryOperator<String> carried = url -> namesUse(url) ? url : url + (url.contains("?") ? "" : "?") + suffix;
        return new BundlePaging(url -> carried.apply(paging.pageLinks().apply(url)),
            url -> paging.elsewhere().apply(url).map(carried), paging.leftOut(), paging.mode(), paging.offset(),
            url -> carried.apply(paging.searchLinks().apply(url)));
    }

    private static boolean namesUse(String url) {
        int query = url.indexOf('?');
        return query >= 0 && ("&" + url.substring(query + 1)).contains("&" + USE + "=");
    }

    /**
     * The {@code use} values asked, one set per parameter (each an OR of comma-separated values; several parameters
     * AND): {@code _profile={PDex profile}} counts as {@code use=preauthorization} where the plan does not declare it.
     */
    private List<Set<String>> asked(FhirRequest request) {
        List<Set<String>> uses = new ArrayList<>();
        for (SearchParameter p : request.parameters()) {
            if (p.name().equals(USE)) {
                uses.add(Set.of(p.value().split(",", -1)));
            } else if (mechanism == Mechanism.FILTER && isProfile(p)) {
                uses.add(Set.of(PREAUTHORIZATION));
            }
        }
        return uses;
    }

    private static boolean isProfile(SearchParameter p) {
        return p.name().equals("_profile") && (p.value().equals(PROFILE) || p.value().startsWith(PROFILE + "|"));
    }

    /** The request without {@code use} (and the undeclared profile); with the profile where the plan declares it. */
    private FhirRequest atPlan(FhirRequest request, List<Set<String>> uses) {
        List<SearchParameter> kept = new ArrayList<>();
        boolean profileAsked = false;
        for (SearchParameter p : request.parameters()) {
            if (p.name().equals(USE) || mechanism == Mechanism.FILTER && isProfile(p)) {
                continue;
            }
            profileAsked |= isProfile(p);
            kept.add(p);
        }
        boolean onlyPreauthorizations = uses.stream().anyMatch(u -> u.size() == 1 && isPreauthorization(u));
        if (mechanism == Mechanism.PROFILE && onlyPreauthorizations && !profileAsked
            && request.interaction() == Interaction.SEARCH) {
            kept.add(new SearchParameter("_profile", PROFILE));
        }
        return new FhirRequest(request.interaction(), request.type(), request.id(), request.versionId(), kept,
            request.pagingHostUrl());
    }

    private static boolean isPreauthorization(Set<String> values) {
        String value = values.iterator().next();
        return value.equals(PREAUTHORIZATION) || value.equals(CLAIM_USE + "|" + PREAUTHORIZATION);
    }

    /** The policy's filter, then: an ExplanationOfBenefit passes only when its {@code use} is one asked, each time. */
    private static final class UseFilter implements AnswerFilter {

        private final AnswerFilter policy;
        private final List<Set<String>> uses;
        private final boolean narrowsMatches;

        UseFilter(AnswerFilter policy, List<Set<String>> uses, boolean narrowsMatches) {
            this.policy = policy;
            this.uses = uses;
            this.narrowsMatches = narrowsMatches;
        }

        @Override
        public Verdict byType(String type) {
            Verdict verdict = policy.byType(type);
            return TYPE.equals(type) && verdict != Verdict.WITHHOLD ? Verdict.INSPECT : verdict;
        }

        @Override
        public Set<String> codedElements(String type) {
            if (!TYPE.equals(type)) {
                return policy.codedElements(type);
            }
            Set<String> elements = new HashSet<>(policy.codedElements(type));
            elements.add(USE);
            return elements;
        }

        @Override
        public boolean mayReturn(String type, String id, Map<String, Set<String>> references) {
            return mayReturn(type, id, references, Map.of());
        }

        @Override
        public boolean mayReturn(String type, String id, Map<String, Set<String>> references,
                                 Map<String, Set<String>> codes) {
            if (!policy.mayReturn(type, id, references, codes)) {
                return false;
            }
            if (!TYPE.equals(type)) {
                return true;
            }
            Set<String> use = codes.getOrDefault(USE, Set.of());
            return uses.stream().allMatch(values -> values.stream().anyMatch(v -> TokenMatch.matches(v, use)));
        }

        @Override
        public boolean narrowsMatches() {
            return narrowsMatches;
        }
    }
}
