package dev.payeraccess.proxy.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.Access;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.R4;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FhirRequestParserTest {

    private static final String PROXY = "https://kc.example/realms/r/payer-access/fhir/test";
    private static final String PLAN = "https://api.plan.example/r4";
    private final FhirRequestParser parser = new FhirRequestParser(R4.context().getResourceTypes(), PROXY, PLAN);

    private FhirRequest parse(String path, String query) throws FhirProblemException {
        return parser.parse(path, Optional.ofNullable(query), Optional.empty());
    }

    private void assertBadRequest(String path, String query) {
        FhirProblemException e = assertThrows(FhirProblemException.class, () -> parse(path, query), path + "?" + query);
        assertEquals(400, e.problem().status());
    }

    @Test
    void readsSearchesAndVreadsMapOntoThePlansBase() throws FhirProblemException {
        FhirRequest search = parse("ExplanationOfBenefit", "_count=5&_offset=10&type=pharmacy");
        FhirRequest read = parse("Patient/sherie778-fahey393", null);
        FhirRequest vread = parse("Patient/abc/_history/2", null);

        assertEquals(Interaction.SEARCH, search.interaction());
        assertEquals(PLAN + "/ExplanationOfBenefit?_count=5&_offset=10&type=pharmacy", search.planUrl(PLAN));
        assertEquals(Interaction.READ, read.interaction());
        assertEquals(Access.READ, read.access());
        assertEquals(PLAN + "/Patient/sherie778-fahey393", read.planUrl(PLAN));
        assertEquals(PLAN + "/Patient/abc/_history/2", vread.planUrl(PLAN));
    }

    @Test
    void aFormBodyJoinsTheQueryOfAPostSearch() throws FhirProblemException {
        FhirRequest search = parser.parse("Coverage/_search", Optional.of("_count=2"),
            Optional.of("status=active&beneficiary=Patient%2F1"));

        assertEquals(Interaction.SEARCH, search.interaction());
        assertEquals(PLAN + "/Coverage?_count=2&status=active&beneficiary=Patient%2F1", search.planUrl(PLAN));
    }

    @Test
    void valuesUnderTheProxysBaseAreMappedBackToThePlans() throws FhirProblemException {
        FhirRequest search = parse("ExplanationOfBenefit", "patient=" + PROXY + "/Patient/1");
        assertEquals(List.of(new SearchParameter("patient", PLAN + "/Patient/1")), search.parameters());
    }

    @Test
    void walksOutOfTheBaseAreRefused() {
        assertBadRequest("Patient%2F..%2Fadmin", null);
        assertBadRequest("Patient/..%2F..%2Foauth2", null);
        assertBadRequest("Patient%5C..", null);
        assertBadRequest("Patient/%2e%2e", null);
        assertBadRequest("Patient/../Coverage", null);
        assertBadRequest("Patient//1", null);
        assertBadRequest("Patient/1%00", null);
    }

    @Test
    void unknownTypesBadIdsOperationsAndHistoryListsAreRefused() {
        assertBadRequest("NotAType", null);
        assertBadRequest("patient", null);
        assertBadRequest("Patient/bad$id", null);
        assertBadRequest("Patient/" + "x".repeat(65), null);
        assertBadRequest("Patient/1/$validate", null);
        assertBadRequest("Coverage/1/$everything", null);
        assertBadRequest("Patient/$everything", null);
        assertBadRequest("Patient/1/_history", null);
        assertBadRequest("metadata/extra", null);
    }

    @Test
    void patientEverythingIsTheOneOperationParsed() throws FhirProblemException {
        FhirRequest everything = parse("Patient/p1/$everything", "_type=Coverage&_count=5");

        assertEquals(Interaction.EVERYTHING, everything.interaction());
        assertEquals(Optional.of("p1"), everything.id());
        assertEquals(PLAN + "/Patient/p1/$everything?_type=Coverage&_count=5",
            everything.planUrl(PLAN));
    }

    @Test
    void absoluteUrlsElsewhereAreRefusedButTokenSystemsAndCanonicalsPass() throws FhirProblemException {
        assertBadRequest("ExplanationOfBenefit", "patient=http://evil.example/Patient/1");
        assertBadRequest("ExplanationOfBenefit", "patient=%2F%2Fevil.example%2FPatient%2F1");
        assertBadRequest("", "_getpages=abc&url=https://evil.example/r4");
        assertEquals(1, parse("Patient", "identifier=http://hl7.org/fhir/sid/us-mbi|1EG4").parameters().size());
        assertEquals(1, parse("Coverage", "_profile=http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Coverage")
            .parameters().size());
    }

    @Test
    void onlyJsonIsServed() throws FhirProblemException {
        assertBadRequest("Patient", "_format=xml");
        assertEquals(List.of(), parse("Patient", "_format=json").parameters(),
            "_format=json is dropped: JSON is the default");
    }

    @Test
    void aBaseLevelPageIsAcceptedOnlyWithPagingParameters() throws FhirProblemException {
        FhirRequest page = parse("", "_getpages=abc&_getpagesoffset=10&_count=10");

        assertEquals(Interaction.PAGE, page.interaction());
        assertEquals(Optional.empty(), page.type());
        assertEquals(PLAN + "?_getpages=abc&_getpagesoffset=10&_count=10", page.planUrl(PLAN));
        assertBadRequest("", null);
        assertBadRequest("", "name=smith");
    }

    @Test
    void aPageNamingAPagingParameterTwiceIsRefusedWhicheverOneAPlanWouldRead() {
        assertBadRequest("", "_getpages=someone-elses&_getpages=abc&payer-access-page=Coverage.1.x");
        assertBadRequest("", "_getpages=abc&_getpagesoffset=0&_getpagesoffset=10");
        assertBadRequest("", "_getpages=abc&_count=10&_count=1000");
        assertBadRequest("", "_getpages=abc&payer-access-page=Coverage.1.x&payer-access-page=Coverage.1.y");
        assertBadRequest("", "payer-access-host-page=a&payer-access-host-page=b");
    }

    @Test
    void diagnosticsNameTheProblemWithoutEchoingLongInput() {
        FhirProblemException e = assertThrows(FhirProblemException.class, () -> parse("Y".repeat(500), null));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void credentialsInTheQueryNeverReachThePlan() throws FhirProblemException {
        FhirRequest search = parse("ExplanationOfBenefit", "access_token=kc-token&type=pharmacy&client_secret=s");

        assertEquals(PLAN + "/ExplanationOfBenefit?type=pharmacy", search.planUrl(PLAN));
    }
}
