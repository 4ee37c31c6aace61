package dev.payeraccess.proxy.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.plan.PlanCapabilities.SearchParam;
import dev.payeraccess.plan.PlanCapabilities.TypeCapabilities;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapabilitySearchesTest {

    private static final List<String> ALLOWED = List.of("Coverage", "Patient", "Organization");

    @Test
    void declaresWhatThePlanDeclaresAndTheProxyForwards() {
        PlanCapabilities plan = new PlanCapabilities("4.0.1", Map.of("Coverage", new TypeCapabilities(
            List.of(new SearchParam("patient", "reference"), new SearchParam("_filter", "special")),
            List.of("Coverage:payor:Organization", "Coverage:policy-holder:RelatedPerson",
                "Patient:general-practitioner"),
            List.of("Provenance:target", "Patient:link"))));

        CapabilitySearches.Declared coverage = CapabilitySearches.of(ALLOWED, Optional.of(plan), R4.context())
            .get("Coverage");

        assertEquals(List.of(new SearchParam("patient", "reference")), coverage.params(), "_filter is never forwarded");
        assertEquals(List.of("Coverage:payor:Organization"), coverage.includes(),
            "only from Coverage, to allowed types");
        assertEquals(List.of("Patient:link"), coverage.revIncludes(), "only from allowed types");
        assertEquals(List.of("Coverage"), List.copyOf(CapabilitySearches.of(ALLOWED, Optional.of(plan), R4.context())
            .keySet()), "types the plan does not serve are not declared");
    }

    @Test
    void withoutThePlansStatementBaseR4PatientParametersStandIn() {
        CapabilitySearches.Declared coverage = CapabilitySearches.of(ALLOWED, Optional.empty(), R4.context())
            .get("Coverage");

        assertTrue(coverage.params().contains(new SearchParam("patient", "reference")), coverage.params().toString());
        assertTrue(coverage.params().contains(new SearchParam("beneficiary", "reference")),
            coverage.params().toString());
        assertTrue(coverage.params().contains(new SearchParam("_id", "token")));
        assertEquals(List.of(new SearchParam("_id", "token"), new SearchParam("_lastUpdated", "date")),
            CapabilitySearches.of(ALLOWED, Optional.empty(), R4.context()).get("Organization").params(),
            "outside the Patient compartment: only the common ones");
    }
}
