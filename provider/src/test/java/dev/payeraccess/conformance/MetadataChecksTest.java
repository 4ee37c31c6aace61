package dev.payeraccess.conformance;

import static dev.payeraccess.conformance.Plans.plan;
import static dev.payeraccess.conformance.Plans.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.conformance.Finding.Result;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.PlanCapabilities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataChecksTest {

    private static final HapiSearchParameters PARAMETERS = new HapiSearchParameters(R4.context());
    private static final String ALLOWED = "Patient, Coverage, ExplanationOfBenefit, Organization";

    private static PlanCapabilities serving(String version, Map<String, Set<String>> types) {
        Map<String, PlanCapabilities.TypeCapabilities> declared = new LinkedHashMap<>();
        types.forEach((type, names) -> declared.put(type, new PlanCapabilities.TypeCapabilities(names.stream()
            .map(name -> new PlanCapabilities.SearchParam(name, "token")).toList(), List.of(), List.of())));
        return new PlanCapabilities(version, declared);
    }

    private static Map<String, Set<String>> everything() {
        Map<String, Set<String>> types = new LinkedHashMap<>();
        types.put("Patient", Set.of("_id"));
        types.put("Coverage", Set.of("_id", "patient", "beneficiary"));
        types.put("ExplanationOfBenefit", Set.of("_id", "patient", "service-date"));
        types.put("Organization", Set.of("_id"));
        return types;
    }

    @Test
    void anR4PlanServingEveryAllowedTypeWithThePinningParametersPasses() {
        List<Finding> findings = MetadataChecks.of(plan("allowedResourceTypes", ALLOWED),
            read(serving("4.0.1", everything())), PARAMETERS);

        findings.forEach(f -> assertEquals(Result.PASS, f.result(), f::toString));
        assertTrue(findings.get(3).detail().contains("Patient _id, Coverage beneficiary, ExplanationOfBenefit patient"),
            findings.get(3).detail());
    }

    @Test
    void anAllowedTypeThePlanDoesNotServeIsSuggestedAway() {
        Map<String, Set<String>> types = everything();
        types.remove("Organization");

        Finding finding = MetadataChecks.resourceTypes(List.of("Patient", "Coverage", "Organization"),
            serving("4.0.1", types));

        assertEquals(Result.WARN, finding.result());
        assertEquals(Map.of("allowedResourceTypes", "Patient, Coverage"), finding.suggests());
        assertTrue(finding.detail().contains("does not list Organization"), finding.detail());
    }

    @Test
    void aPinningParameterThePlanDoesNotDeclareIsNamed() {
        Map<String, Set<String>> types = everything();
        types.put("Coverage", Set.of("_id", "patient"));

        Finding finding = MetadataChecks.searchParameters(List.of("Patient", "Coverage"), serving("4.0.1", types),
            PARAMETERS);

        assertEquals(Result.WARN, finding.result());
        assertTrue(finding.detail().contains("declares no Coverage beneficiary"), finding.detail());
    }

    @Test
    void anotherFhirVersionFails() {
        assertEquals(Result.FAIL, MetadataChecks.version(Optional.of("3.0.2")).result());
        assertEquals(Result.WARN, MetadataChecks.version(Optional.empty()).result());
    }

    @Test
    void aFhirApiThatIsDownFailsAndOneThatHidesItsStatementWarns() {
        List<Finding> down = MetadataChecks.of(plan(), Plans.status(503), PARAMETERS);
        List<Finding> hidden = MetadataChecks.of(plan(), Plans.status(401), PARAMETERS);

        assertEquals(List.of(Result.FAIL, Result.SKIPPED, Result.SKIPPED, Result.SKIPPED),
            down.stream().map(Finding::result).toList());
        assertTrue(down.get(0).detail().contains(Plans.BASE + "/metadata answered HTTP 503"), down.get(0).detail());
        assertEquals(Result.WARN, hidden.get(0).result());
        assertEquals(Result.FAIL, MetadataChecks.of(plan(), Plans.timedOut(), PARAMETERS).get(0).result());
    }
}
