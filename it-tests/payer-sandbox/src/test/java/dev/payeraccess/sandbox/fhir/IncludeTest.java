package dev.payeraccess.sandbox.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IncludeTest {

    private static final String PATIENT = TestMembers.GEORGE.patientId();

    private static FhirSandbox sandbox;
    private static IGenericClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = FhirSandbox.start();
        client = sandbox.client(sandbox.issue(TestMembers.GEORGE, Track.TEST));
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void claimIncludesAddExactlyTheReferencedResourcesOfThePage() {
        Map<String, Function<ExplanationOfBenefit, List<Reference>>> includes = new LinkedHashMap<>();
        includes.put("ExplanationOfBenefit:patient", eob -> List.of(eob.getPatient()));
        includes.put("ExplanationOfBenefit:coverage",
            eob -> eob.getInsurance().stream().map(ExplanationOfBenefit.InsuranceComponent::getCoverage).toList());
        includes.put("ExplanationOfBenefit:provider", eob -> List.of(eob.getProvider()));
        includes.put("ExplanationOfBenefit:insurer", eob -> List.of(eob.getInsurer()));
        includes.put("ExplanationOfBenefit:care-team",
            eob -> eob.getCareTeam().stream().map(ExplanationOfBenefit.CareTeamComponent::getProvider).toList());

        includes.forEach((include, field) -> {
            Bundle page = search("ExplanationOfBenefit?_count=5&_include=" + include);

            Set<String> expected = claims(page).stream().flatMap(eob -> field.apply(eob).stream())
                .filter(Reference::hasReference)
                .map(Reference::getReference)
                .collect(Collectors.toSet());
            assertFalse(expected.isEmpty(), include);
            assertEquals(expected, Set.copyOf(included(page)), include);
            assertEquals(expected.size(), included(page).size(), include + " is de-duplicated");
        });
    }

    @Test
    void wildcardIncludeFollowsEveryReference() {
        Bundle page = search("ExplanationOfBenefit?_count=100&_include=*");

        Set<String> expected = claims(page).stream()
            .flatMap(eob -> Stream.of(List.of(eob.getPatient(), eob.getInsurer(), eob.getProvider(),
                    eob.getPayee().getParty(), eob.getFacility()),
                eob.getCareTeam().stream().map(ExplanationOfBenefit.CareTeamComponent::getProvider).toList(),
                eob.getInsurance().stream().map(ExplanationOfBenefit.InsuranceComponent::getCoverage).toList())
                .flatMap(List::stream))
            .filter(Reference::hasReference)
            .map(Reference::getReference)
            .collect(Collectors.toSet());
        assertEquals(expected, Set.copyOf(included(page)));
        assertEquals(expected.size(), included(page).size());
    }

    @Test
    void coverageIncludesPayorAndBeneficiary() {
        Bundle page = search("Coverage?_include=Coverage:payor&_include=Coverage:beneficiary");

        assertEquals(Set.of("Organization/demo-health-plan", "Patient/" + PATIENT), Set.copyOf(included(page)));
        assertEquals(2, included(page).size());
    }

    @Test
    void patientRevIncludesClaimsAndCoverage() {
        Set<String> claims = Set.copyOf(matches(search("ExplanationOfBenefit?_count=100")));
        Set<String> coverages = Set.copyOf(matches(search("Coverage")));

        Bundle page = search("Patient?_id=" + PATIENT
            + "&_revinclude=ExplanationOfBenefit:patient&_revinclude=Coverage:patient");

        assertEquals(List.of("Patient/" + PATIENT), matches(page));
        Set<String> expected = Stream.concat(claims.stream(), coverages.stream()).collect(Collectors.toSet());
        assertEquals(expected, Set.copyOf(included(page)));
        assertEquals(expected.size(), included(page).size());
    }

    @Test
    void iterateIncludesFollowIncludedResources() {
        IGenericClient exchange = sandbox.client(sandbox.issue(TestMembers.GEORGE, Track.PAYER2PAYER));

        Bundle page = exchange.search()
            .byUrl("Observation?_include=Observation:encounter&_include:iterate=Encounter:practitioner")
            .returnBundle(Bundle.class).execute();

        Set<String> types = included(page).stream().map(key -> key.substring(0, key.indexOf('/')))
            .collect(Collectors.toSet());
        assertEquals(Set.of("Encounter", "Practitioner"), types);
    }

    @Test
    void includesStayWithinTheGrantedScopes() {
        IGenericClient claimsOnly = sandbox.client(
            sandbox.issue(TestMembers.GEORGE, Track.TEST, "patient/ExplanationOfBenefit.read"));

        Bundle page = claimsOnly.search()
            .byUrl("ExplanationOfBenefit?_include=ExplanationOfBenefit:patient&_include=ExplanationOfBenefit:insurer")
            .returnBundle(Bundle.class).execute();

        assertFalse(page.getEntry().isEmpty());
        assertTrue(included(page).isEmpty());
    }

    private static Bundle search(String query) {
        return client.search().byUrl(query).returnBundle(Bundle.class).execute();
    }

    private static List<ExplanationOfBenefit> claims(Bundle page) {
        return page.getEntry().stream()
            .filter(e -> e.getSearch().getMode() == SearchEntryMode.MATCH)
            .map(e -> (ExplanationOfBenefit) e.getResource())
            .toList();
    }

    private static List<String> matches(Bundle page) {
        return keys(page, SearchEntryMode.MATCH);
    }

    private static List<String> included(Bundle page) {
        return keys(page, SearchEntryMode.INCLUDE);
    }

    private static List<String> keys(Bundle page, SearchEntryMode mode) {
        return page.getEntry().stream()
            .filter(e -> e.getSearch().getMode() == mode)
            .map(Bundle.BundleEntryComponent::getResource)
            .map(Resource::getIdElement)
            .map(id -> id.getResourceType() + "/" + id.getIdPart())
            .toList();
    }
}
