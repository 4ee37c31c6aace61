package dev.payeraccess.proxy.everything;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.plan.PlanCapabilities.SearchParam;
import dev.payeraccess.plan.PlanCapabilities.TypeCapabilities;
import dev.payeraccess.proxy.policy.AccessPolicy;
import dev.payeraccess.proxy.policy.AnswerFilter;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.SearchParameter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which types a caller's $everything reads, and how each is searched, decided by the same policy as a search. */
class EverythingSearchesTest {

    static final String PLAN = "https://plan.example/r4";
    static final String MEMBER = "p1";
    static final List<String> ALLOWED = List.of("Patient", "Coverage", "ExplanationOfBenefit", "Organization",
        "Practitioner", "Location");

    static EverythingPlan plan(String scope, String query, Optional<PlanCapabilities> declared)
        throws FhirProblemException {
        return plan(scope, MEMBER, query, declared);
    }

    static EverythingPlan plan(String scope, String patient, String query, Optional<PlanCapabilities> declared)
        throws FhirProblemException {
        AccessPolicy policy = AccessPolicy.of(scope, "", ALLOWED, new HapiSearchParameters(R4.context()), MEMBER);
        return new EverythingSearches(policy, new HapiSearchParameters(R4.context()), ALLOWED, declared)
            .plan(request(patient, query));
    }

    static EverythingRequest request(String patient, String query) throws FhirProblemException {
        List<SearchParameter> parameters = query.isEmpty() ? List.of() : java.util.Arrays.stream(query.split("&"))
            .map(pair -> new SearchParameter(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=')
                + 1))).toList();
        return EverythingRequest.of(new FhirRequest(Interaction.EVERYTHING, Optional.of("Patient"),
            Optional.of(patient), Optional.empty(), parameters), R4.context().getResourceTypes());
    }

    private static List<String> urls(EverythingPlan plan) {
        return plan.searches().stream().map(s -> s.forwarded().planUrl(PLAN).substring(PLAN.length())).toList();
    }

    @Nested
    @DisplayName("Given a plan that does not declare $everything")
    class Emulated {

        @Test
        void eachReadableTypeOfThePatientIsSearchedWithTheDirectoryEntriesItNames() throws Exception {
            EverythingPlan plan = plan("openid patient/*.read", "_count=5", Optional.empty());

            assertEquals(List.of("Patient", "Coverage", "ExplanationOfBenefit", "Organization", "Practitioner"),
                plan.types(), "Location is neither the patient's nor named by an entry searched");
            assertEquals(List.of(
                "/Patient?_id=p1&_include=Patient%3Ageneral-practitioner&_include=Patient%3Aorganization&_count=5",
                "/Coverage?beneficiary=Patient%2Fp1&_include=Coverage%3Apayor&_count=5",
                "/ExplanationOfBenefit?patient=Patient%2Fp1&_include=ExplanationOfBenefit%3Aprovider"
                    + "&_include=ExplanationOfBenefit%3Ainsurer&_include=ExplanationOfBenefit%3Acare-team&_count=5"),
                urls(plan));
            assertTrue(plan.forwarded().isEmpty());
        }

        @Test
        void aCallerWithOnlyClaimsReadsOnlyClaimsAndNoDirectory() throws Exception {
            EverythingPlan plan = plan("openid patient/ExplanationOfBenefit.read", "", Optional.empty());

            assertEquals(List.of("ExplanationOfBenefit"), plan.types());
            assertEquals(List.of("/ExplanationOfBenefit?patient=Patient%2Fp1"), urls(plan));
            assertEquals(AnswerFilter.Verdict.WITHHOLD, plan.answer().byType("Patient"));
            assertEquals(AnswerFilter.Verdict.WITHHOLD, plan.answer().byType("Organization"));
            assertEquals(AnswerFilter.Verdict.INSPECT, plan.answer().byType("ExplanationOfBenefit"));
        }

        @Test
        void underscoreTypeNarrowsToWhatIsAskedAndReadable() throws Exception {
            EverythingPlan plan = plan("openid patient/*.read", "_type=Coverage,Observation", Optional.empty());

            assertEquals(List.of("Coverage"), plan.types(), "Observation is not allowed at this plan");
            assertEquals(List.of("/Coverage?beneficiary=Patient%2Fp1"), urls(plan));
        }

        @Test
        void startEndAndSinceGoOnEachTypesDateAndLastUpdated() throws Exception {
            EverythingPlan plan = plan("openid patient/ExplanationOfBenefit.read patient/Patient.read",
                "start=2023-01-01&end=2023-12-31&_since=2024-05-01T00:00:00Z", Optional.empty());

            assertEquals(List.of("/Patient?_id=p1&_lastUpdated=ge2024-05-01T00%3A00%3A00Z",
                "/ExplanationOfBenefit?patient=Patient%2Fp1&created=ge2023-01-01&created=le2023-12-31"
                    + "&_lastUpdated=ge2024-05-01T00%3A00%3A00Z"), urls(plan));
        }

        @Test
        void aDateThePlanDeclaresNoSearchOnIsLeftOutAndSaidSo() throws Exception {
            PlanCapabilities declared = new PlanCapabilities("4.0.1", Map.of(
                "Patient", new TypeCapabilities(List.of(new SearchParam("_id", "token")), List.of(), List.of()),
                "ExplanationOfBenefit", new TypeCapabilities(List.of(new SearchParam("patient", "reference"),
                    new SearchParam("service-date", "date")), List.of("ExplanationOfBenefit:provider"), List.of()),
                "Organization", new TypeCapabilities(List.of(), List.of(), List.of())));

            EverythingPlan plan = plan("openid patient/*.read", "start=2023-01-01&_since=2024-01-01",
                Optional.of(declared));

            assertEquals(List.of("/Patient?_id=p1", "/ExplanationOfBenefit?patient=Patient%2Fp1"
                + "&service-date=ge2023-01-01&_include=ExplanationOfBenefit%3Aprovider"), urls(plan));
            assertEquals(List.of("Patient is not held to _since: the plan declares no _lastUpdated search on it.",
                "ExplanationOfBenefit is not held to _since: the plan declares no _lastUpdated search on it."),
                plan.notes());
            assertFalse(plan.types().contains("Coverage"), "the plan serves no Coverage");
        }
    }

    @Nested
    @DisplayName("Given the patient in the path")
    class ThePatient {

        @Test
        void anotherPatientLooksUnknownToAPatientScopedCaller() {
            FhirProblemException refused = assertThrows(FhirProblemException.class,
                () -> plan("openid patient/*.read", "p2", "", Optional.empty()));

            assertEquals(404, refused.problem().status());
        }

        @Test
        void aUserScopedCallerReadsWhomThePlanLetsItRead() throws Exception {
            EverythingPlan plan = plan("openid user/*.read", "p2", "_type=ExplanationOfBenefit", Optional.empty());

            assertEquals(List.of("/ExplanationOfBenefit?patient=Patient%2Fp2"), urls(plan));
        }

        @Test
        void nothingReadableIsA403ThatSaysWhy() {
            FhirProblemException refused = assertThrows(FhirProblemException.class,
                () -> plan("openid patient/ExplanationOfBenefit.read", "_type=Coverage", Optional.empty()));

            assertEquals(403, refused.problem().status());
            assertTrue(refused.problem().diagnostics().contains("_type=Coverage"), refused.problem().diagnostics());
            assertTrue(refused.problem().diagnostics().contains("patient/Coverage.read"),
                refused.problem().diagnostics());
        }
    }

    @Test
    void aPlanThatDeclaresItGetsTheOperationWithUnderscoreTypeNarrowed() throws Exception {
        PlanCapabilities declared = new PlanCapabilities("4.0.1", Map.of(
            "Patient", new TypeCapabilities(List.of(), List.of(), List.of(), List.of("everything"), List.of()),
            "Coverage", new TypeCapabilities(List.of(), List.of(), List.of()),
            "ExplanationOfBenefit", new TypeCapabilities(List.of(), List.of(), List.of()),
            "Organization", new TypeCapabilities(List.of(), List.of(), List.of())));

        EverythingPlan plan = plan("openid patient/ExplanationOfBenefit.read patient/Organization.read",
            "_count=10&start=2024-01-01", Optional.of(declared));

        assertEquals(PLAN + "/Patient/p1/$everything?_count=10&start=2024-01-01&_type=ExplanationOfBenefit%2C"
            + "Organization", plan.forwarded().orElseThrow().planUrl(PLAN));
        assertTrue(plan.searches().isEmpty());
        assertEquals(AnswerFilter.Verdict.WITHHOLD, plan.answer().byType("Coverage"));
    }

    /**
     * Without a Patient scope the read of {@code Patient/p2} is 403, not 404; the compartment types are then refused
     * for naming another patient, and the directory types alone must not carry the operation to the plan.
     */
    @Test
    void anotherPatientsOperationIsNeverForwardedForTheDirectoryTypesAlone() {
        PlanCapabilities declared = new PlanCapabilities("4.0.1", Map.of(
            "Patient", new TypeCapabilities(List.of(), List.of(), List.of(), List.of("everything"), List.of()),
            "ExplanationOfBenefit", new TypeCapabilities(List.of(), List.of(), List.of()),
            "Organization", new TypeCapabilities(List.of(), List.of(), List.of()),
            "Practitioner", new TypeCapabilities(List.of(), List.of(), List.of())));

        FhirProblemException refused = assertThrows(FhirProblemException.class, () -> plan(
            "openid patient/ExplanationOfBenefit.rs patient/Organization.rs patient/Practitioner.rs", "p2", "",
            Optional.of(declared)));

        assertEquals(403, refused.problem().status());
        assertTrue(refused.problem().diagnostics().startsWith("Patient/p2/$everything would return nothing"),
            refused.problem().diagnostics());
    }

    /** A type held to a granular scope is looked at by its codes in $everything too, not withheld whole. */
    @Test
    void aGranularScopesTypeIsHeldToItsQueryByCode() throws Exception {
        String pharmacy = "http://terminology.hl7.org/CodeSystem/claim-type|pharmacy";
        EverythingPlan plan = plan("openid patient/Patient.rs patient/ExplanationOfBenefit.rs?type=" + pharmacy, "",
            Optional.empty());
        AnswerFilter answer = plan.answer();
        Map<String, java.util.Set<String>> member = Map.of("patient", java.util.Set.of("Patient/" + MEMBER));

        assertEquals(AnswerFilter.Verdict.INSPECT, answer.byType("ExplanationOfBenefit"));
        assertEquals(java.util.Set.of("type"), answer.codedElements("ExplanationOfBenefit"));
        assertTrue(answer.mayReturn("ExplanationOfBenefit", "e1", member, Map.of("type", java.util.Set.of(pharmacy))));
        assertFalse(answer.mayReturn("ExplanationOfBenefit", "e2", member, Map.of("type",
            java.util.Set.of("http://terminology.hl7.org/CodeSystem/claim-type|professional"))));
    }

    @Test
    void parametersTheOperationDoesNotTakeAreRefused() {
        for (String query : List.of("patient=p2", "_count=0", "start=yesterday", "_type=NotAType", "_count=5&_count=6",
            "_include=*")) {
            FhirProblemException refused = assertThrows(FhirProblemException.class, () -> request(MEMBER, query),
                query);
            assertEquals(400, refused.problem().status(), query);
        }
    }
}
