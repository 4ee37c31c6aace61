package dev.payeraccess.proxy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.R4;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchReachTest {

    private static final String PLAN = "https://api.plan.example/r4";
    private final FhirRequestParser parser = new FhirRequestParser(R4.context().getResourceTypes(),
        "https://kc.example/realms/r/payer-access/fhir/test", PLAN);
    private final SearchReach reach = new SearchReach(new HapiReferenceTargets(R4.context()));
    /** A caller who may read claims and coverage, nothing else. */
    private final ScopePolicy claimsOnly = ScopePolicy.of("patient/ExplanationOfBenefit.read patient/Coverage.read",
        "patient/*.read", List.of("Patient", "Coverage", "ExplanationOfBenefit", "Organization", "Practitioner"));

    private int status(String type, String query) throws FhirProblemException {
        try {
            reach.check(parser.parse(type, query, null), claimsOnly);
            return 200;
        } catch (FhirProblemException e) {
            return e.problem().status();
        }
    }

    @Test
    void revincludesAndTypedIncludesNeedTheirTypeReadable() throws FhirProblemException {
        assertEquals(200, status("ExplanationOfBenefit", "_include=ExplanationOfBenefit:coverage:Coverage"));
        assertEquals(403, status("ExplanationOfBenefit", "_include=ExplanationOfBenefit:patient:Patient"));
        assertEquals(200, status("Coverage", "_revinclude=ExplanationOfBenefit:coverage"));
        assertEquals(403, status("ExplanationOfBenefit", "_revinclude=Provenance:target"));
        assertEquals(403, status("ExplanationOfBenefit", "_revinclude:iterate=Provenance:target"));
    }

    @Test
    void untypedIncludesAreForwardedAndFilteredFromTheAnswerInstead() throws FhirProblemException {
        assertEquals(200, status("ExplanationOfBenefit", "_include=ExplanationOfBenefit:provider"));
        assertEquals(200, status("ExplanationOfBenefit", "_include=*"));
    }

    @Test
    void chainsNeedEveryTypeTheyCanReachReadable() throws FhirProblemException {
        assertEquals(403, status("ExplanationOfBenefit", "patient.name=Fahey"), "EOB.patient reaches Patient");
        assertEquals(200, status("ExplanationOfBenefit", "coverage.status=active"));
        assertEquals(403, status("ExplanationOfBenefit", "provider:Organization.name=Acme"));
        assertEquals(400, status("ExplanationOfBenefit", "nonsense.name=x"), "an unknown chain cannot be checked");
    }

    @Test
    void reverseChainsNeedTheirSourceTypeReadable() throws FhirProblemException {
        assertEquals(403, status("Coverage", "_has:Observation:patient:code=1234"));
        assertEquals(200, status("Coverage", "_has:ExplanationOfBenefit:coverage:status=active"));
    }

    @Test
    void plainParametersReachNothing() {
        assertDoesNotThrow(() -> reach.check(parser.parse("ExplanationOfBenefit", "type=pharmacy&_count=5", null),
            claimsOnly));
        assertThrows(FhirProblemException.class, () -> reach.check(parser.parse("ExplanationOfBenefit",
            "patient.name=x", null), claimsOnly));
    }
}
