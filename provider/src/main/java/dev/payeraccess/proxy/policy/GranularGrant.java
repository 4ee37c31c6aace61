package dev.payeraccess.proxy.policy;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.ScopeQuery;
import dev.payeraccess.fhir.SearchParameters;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.SearchParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What SMART 2.0 granular scopes ({@code patient/Observation.rs?category=...|laboratory}) grant of one type: the
 * resources that meet one of the scopes' queries. The proxy holds a caller to it itself, whatever the plan does with
 * the query: a search is kept inside it ({@link #searched}), and every resource of the answer must meet a query
 * ({@link #admits}). Only queries the proxy can check count: each condition a token parameter on a coded
 * top-level element ({@link SearchParameters#codedElement}); a scope with any other query grants nothing.
 */
final class GranularGrant {

    private final String type;
    private final List<ScopeQuery> queries;
    private final List<ScopeQuery> unchecked;
    private final SearchParameters parameters;

    private GranularGrant(String type, List<ScopeQuery> queries, List<ScopeQuery> unchecked,
                          SearchParameters parameters) {
        this.type = type;
        this.queries = queries;
        this.unchecked = unchecked;
        this.parameters = parameters;
    }

    static GranularGrant of(String type, List<ScopeQuery> granted, SearchParameters parameters) {
        List<ScopeQuery> checkable = new ArrayList<>();
        List<ScopeQuery> unchecked = new ArrayList<>();
        for (ScopeQuery query : granted) {
            boolean known = query.conditions().stream()
                .allMatch(c -> parameters.codedElement(type, c.parameter()).isPresent());
            (known ? checkable : unchecked).add(query);
        }
        return new GranularGrant(type, List.copyOf(checkable), List.copyOf(unchecked), parameters);
    }

    /** Whether any query can be held to; without one, the scopes grant nothing the proxy could honour. */
    boolean grantsAnything() {
        return !queries.isEmpty();
    }

    /** Why nothing is granted, for the app's developer. */
    String whyNothing() {
        return "The access token grants " + type + " only through scopes with a query the proxy cannot check ("
            + unchecked.stream().map(q -> type + "?" + q.spelled()).collect(Collectors.joining(", ")) + "); it "
            + "holds apps to queries on coded elements such as category or type. Ask for such a scope, or for "
            + type + " without a query.";
    }

    /** The elements whose codes decide. */
    Set<String> elements() {
        Set<String> elements = new LinkedHashSet<>();
        queries.forEach(q -> q.conditions().forEach(c ->
            parameters.codedElement(type, c.parameter()).ifPresent(elements::add)));
        return elements;
    }

    /** Whether a resource whose coded elements hold {@code codes} meets one of the queries. */
    boolean admits(Map<String, Set<String>> codes) {
        return queries.stream().anyMatch(q -> q.conditions().stream().allMatch(c -> TokenMatch.matches(c.value(),
            codes.getOrDefault(parameters.codedElement(type, c.parameter()).orElseThrow(), Set.of()))));
    }

    /**
     * The search as forwarded: as asked when it already stays inside a query; narrowed to the queries when it names
     * none of their parameters (as a {@code patient/} search naming no patient is pinned); refused (403) when it asks
     * for something outside them, since narrowing that silently would answer another question than the one asked.
     */
    Decided searched(FhirRequest request) {
        Set<String> restricted = queries.stream().flatMap(q -> q.conditions().stream())
            .map(ScopeQuery.Condition::parameter).collect(Collectors.toSet());
        List<SearchParameter> named = request.parameters().stream()
            .filter(p -> restricted.contains(baseName(p.name()))).toList();
        if (named.isEmpty()) {
            return narrowed(request);
        }
        if (named.stream().allMatch(p -> p.name().indexOf(':') < 0) && inside(named)) {
            return new Decided(Optional.of(request), Optional.empty());
        }
        return refused("This search asks for " + named.stream().map(p -> p.name() + "=" + p.value())
            .collect(Collectors.joining("&")) + ", outside what the access token's scopes for " + type
            + " grant (" + spelled() + "). Search inside it, or leave the parameter out to get all the scopes grant.");
    }

    /** Each query whose every condition the search names exactly, or values that all lie within the queries. */
    private boolean inside(List<SearchParameter> named) {
        for (ScopeQuery q : queries) {
            if (q.conditions().stream().allMatch(c -> named.stream()
                .anyMatch(p -> p.name().equals(c.parameter()) && p.value().equals(c.value())))) {
                return true;
            }
        }
        // category=lab,vital-signs under two scopes of one condition each on category
        for (SearchParameter p : named) {
            Set<String> allowed = singleConditionValues(p.name());
            for (String item : p.value().split(",", -1)) {
                if (!allowed.contains(item)) {
                    return false;
                }
            }
        }
        return true;
    }

    private Set<String> singleConditionValues(String parameter) {
        Set<String> values = new HashSet<>();
        queries.stream().filter(q -> q.conditions().size() == 1 && q.conditions().get(0).parameter().equals(parameter))
            .forEach(q -> values.add(q.conditions().get(0).value()));
        return values;
    }

    private Decided narrowed(FhirRequest request) {
        if (queries.size() == 1) {
            FhirRequest narrowed = request;
            for (ScopeQuery.Condition c : queries.get(0).conditions()) {
                narrowed = narrowed.with(new SearchParameter(c.parameter(), c.value()));
            }
            return new Decided(Optional.of(narrowed), Optional.empty());
        }
        Set<String> parametersOfQueries = queries.stream().map(q -> q.conditions().size() == 1
            ? q.conditions().get(0).parameter() : "").collect(Collectors.toSet());
        if (parametersOfQueries.size() == 1 && !parametersOfQueries.contains("")) {
            String parameter = parametersOfQueries.iterator().next();
            String values = queries.stream().map(q -> q.conditions().get(0).value()).distinct().sorted()
                .collect(Collectors.joining(","));
            return new Decided(Optional.of(request.with(new SearchParameter(parameter, values))), Optional.empty());
        }
        return refused("The access token's scopes grant " + type + " under several queries (" + spelled()
            + ") that one search cannot ask at once; search with the parameters of one of them.");
    }

    private String spelled() {
        return queries.stream().map(q -> type + "?" + q.spelled()).collect(Collectors.joining(", "));
    }

    private static Decided refused(String diagnostics) {
        return new Decided(Optional.empty(), Optional.of(FhirProblem.forbidden(diagnostics)));
    }

    private static String baseName(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** The search to forward, or the problem that refuses it. */
    record Decided(Optional<FhirRequest> forwarded, Optional<FhirProblem> problem) {
    }
}
