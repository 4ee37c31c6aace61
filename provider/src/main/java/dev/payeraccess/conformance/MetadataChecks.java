package dev.payeraccess.conformance;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.fhir.SearchParameters;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.plan.PlanFetch;
import dev.payeraccess.plan.PlanMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a plan's {@code CapabilityStatement} says, against what the proxy forwards for it: FHIR R4, each allowed
 * resource type, and the search parameters the proxy adds to keep {@code patient/} apps in the member's
 * compartment ({@link AccessPolicy#pinningParameter}).
 */
final class MetadataChecks {

    static final String METADATA = "fhir-metadata";
    static final String VERSION = "fhir-version";
    static final String RESOURCE_TYPES = "resource-types";
    static final String SEARCH_PARAMETERS = "search-parameters";

    private MetadataChecks() {
    }

    static List<Finding> of(PlanIdentityProviderConfig plan, PlanFetch<PlanCapabilities> metadata,
                            SearchParameters parameters) {
        String url = PlanMetadata.url(plan.fhirBaseUrl().orElseThrow());
        if (metadata.value().isEmpty()) {
            String none = "No CapabilityStatement to compare with.";
            return List.of(unread(url, metadata.failure().orElseThrow()), Finding.skipped(VERSION, none),
                Finding.skipped(RESOURCE_TYPES, none), Finding.skipped(SEARCH_PARAMETERS, none));
        }
        PlanCapabilities capabilities = metadata.value().get();
        return List.of(Finding.pass(METADATA, "GET " + url + " answered a CapabilityStatement in "
                + metadata.latency().toMillis() + " ms."),
            version(Optional.of(capabilities.fhirVersion()).filter(v -> !v.isBlank())),
            resourceTypes(plan.allowedResourceTypes(), capabilities),
            searchParameters(plan.allowedResourceTypes(), capabilities, parameters));
    }

    /**
     * A FHIR API that does not answer, or answers 5xx, will fail the proxy's reads too; one that hides or garbles
     * its statement may still serve them.
     */
    static Finding unread(String url, PlanFetch.Failure failure) {
        if (failure.kind() == PlanFetch.Kind.NOT_CALLED) {
            return Finding.fail(METADATA, "GET " + url + " " + failure.reason()
                + " The proxy will not call it either.");
        }
        boolean down = failure.kind() == PlanFetch.Kind.TIMEOUT || failure.kind() == PlanFetch.Kind.UNREACHABLE
            || failure.status().orElse(0) >= 500;
        String detail = "GET " + url + " " + failure.reason();
        return down ? Finding.fail(METADATA, detail + ": the plan's FHIR API is not answering, so the proxy's reads "
                + "will fail too.")
            : Finding.warn(METADATA, detail + ": the plan does not say what its FHIR API serves, so the types and "
                + "search parameters the proxy relies on cannot be checked.");
    }

    static Finding version(Optional<String> fhirVersion) {
        if (fhirVersion.isEmpty()) {
            return Finding.warn(VERSION, "The CapabilityStatement names no fhirVersion; the proxy speaks FHIR R4 "
                + "(4.0.x).");
        }
        return fhirVersion.get().startsWith("4.0.")
            ? Finding.pass(VERSION, "FHIR " + fhirVersion.get() + " (R4).")
            : Finding.fail(VERSION, "The plan's FHIR API is FHIR " + fhirVersion.get() + "; the proxy speaks FHIR R4 "
                + "(4.0.x) only: point fhirBaseUrl at the plan's R4 API.");
    }

    static Finding resourceTypes(List<String> allowed, PlanCapabilities capabilities) {
        List<String> served = allowed.stream().filter(t -> capabilities.of(t).isPresent()).toList();
        List<String> missing = allowed.stream().filter(t -> capabilities.of(t).isEmpty()).toList();
        String key = PlanIdentityProviderConfig.ALLOWED_RESOURCE_TYPES;
        if (missing.isEmpty()) {
            return Finding.pass(RESOURCE_TYPES, "The plan serves every type of " + key + ": "
                + String.join(", ", allowed) + ".");
        }
        String detail = "The plan's CapabilityStatement does not list " + String.join(", ", missing) + " of " + key
            + ": apps reading them get the plan's error.";
        return served.isEmpty() ? Finding.fail(RESOURCE_TYPES, detail + " It lists none of them.")
            : Finding.warn(RESOURCE_TYPES, detail, key, String.join(", ", served));
    }

    static Finding searchParameters(List<String> allowed, PlanCapabilities capabilities, SearchParameters parameters) {
        List<String> relied = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        for (String type : allowed) {
            Optional<String> pin = parameters.pinningParameter(type);
            Optional<PlanCapabilities.TypeCapabilities> served = capabilities.of(type);
            if (pin.isEmpty() || served.isEmpty()) {
                continue;
            }
            String named = type + " " + pin.get();
            relied.add(named);
            if (served.get().searchParams().stream().noneMatch(p -> p.name().equals(pin.get()))) {
                undeclared.add(named);
            }
        }
        if (relied.isEmpty()) {
            return Finding.pass(SEARCH_PARAMETERS, "No allowed type the plan serves is in the Patient compartment: "
                + "the proxy adds no search parameter.");
        }
        if (undeclared.isEmpty()) {
            return Finding.pass(SEARCH_PARAMETERS, "The plan declares the search parameters the proxy adds to "
                + "patient/ apps' searches: " + String.join(", ", relied) + ".");
        }
        return Finding.warn(SEARCH_PARAMETERS, "The plan's CapabilityStatement declares no " + String.join(", ",
            undeclared) + ": the proxy adds these to patient/ apps' searches that name no patient, to keep them to "
            + "the member's own records, so such searches may fail at the plan.");
    }
}
