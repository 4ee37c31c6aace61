package dev.payeraccess.proxy.metadata;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.plan.PlanCapabilities.SearchParam;
import dev.payeraccess.proxy.policy.AccessPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The searches the proxy's CapabilityStatement declares for each type it allows: what the plan's own
 * CapabilityStatement declares and the proxy forwards. FHIR clients read it to find how to search a type for the
 * patient (the SMART JavaScript client refuses to search a type without it). Until the plan's statement was read
 * (the health probe caches it), the type's {@code patient} and Patient-compartment parameters of base FHIR R4
 * stand in, with {@code _id} and {@code _lastUpdated}. Once it was read, a type it lacks is not declared.
 */
final class CapabilitySearches {

    /** What one type declares. */
    record Declared(List<SearchParam> params, List<String> includes, List<String> revIncludes) {
    }

    private CapabilitySearches() {
    }

    static Map<String,
        Declared> of(Collection<String> allowedTypes, Optional<PlanCapabilities> plan, FhirContext fhir) {
        Map<String, Declared> declared = new LinkedHashMap<>();
        for (String type : allowedTypes) {
            if (plan.isPresent() && plan.get().of(type).isEmpty()) {
                continue; // the plan serves no such type: a client told otherwise would only meet its 404s
            }
            Optional<PlanCapabilities.TypeCapabilities> atPlan = plan.flatMap(p -> p.of(type));
            declared.put(type, atPlan.map(caps -> forwarded(type, caps, allowedTypes))
                .orElseGet(() -> baseR4(type, fhir)));
        }
        return declared;
    }

    private static Declared forwarded(String type, PlanCapabilities.TypeCapabilities caps, Collection<String> allowed) {
        List<SearchParam> params = caps.searchParams().stream().filter(p -> AccessPolicy.forwards(p.name())).toList();
        // Type:parameter[:Target] from this type, reaching an allowed type; Source:parameter[:Target] from an allowed
        // one.
        List<String> includes = caps.includes().stream()
            .filter(i -> part(i, 0).equals(type) && (part(i, 2).isEmpty() || allowed.contains(part(i, 2)))).toList();
        List<String> revIncludes = caps.revIncludes().stream().filter(i -> allowed.contains(part(i, 0))).toList();
        return new Declared(params, includes, revIncludes);
    }

    private static Declared baseR4(String type, FhirContext fhir) {
        RuntimeResourceDefinition definition;
        try {
            definition = fhir.getResourceDefinition(type);
        } catch (RuntimeException unknown) {
            return new Declared(List.of(), List.of(), List.of());
        }
        List<SearchParam> params = new ArrayList<>(List.of(new SearchParam("_id", "token"),
            new SearchParam("_lastUpdated", "date")));
        definition.getSearchParams().stream()
            .filter(p -> p.getName().equals("patient") || p.getProvidesMembershipInCompartments() != null
                && p.getProvidesMembershipInCompartments().contains("Patient"))
            .map(p -> new SearchParam(p.getName(), typeOf(p)))
            .sorted(java.util.Comparator.comparing(SearchParam::name))
            .forEach(params::add);
        return new Declared(params, List.of(), List.of());
    }

    private static String typeOf(RuntimeSearchParam p) {
        return p.getParamType() == null ? "string" : p.getParamType().getCode().toLowerCase(Locale.ROOT);
    }

    private static String part(String value, int index) {
        String[] parts = value.split(":");
        return index < parts.length ? parts[index] : "";
    }
}
