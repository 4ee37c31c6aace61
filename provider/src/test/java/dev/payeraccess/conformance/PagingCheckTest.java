package dev.payeraccess.conformance;

import static dev.payeraccess.conformance.Plans.BASE;
import static dev.payeraccess.conformance.Plans.plan;
import static dev.payeraccess.conformance.Plans.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.conformance.Finding.Result;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.SearchsetPage;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PagingCheckTest {

    private static final String PATIENT = "p-7731";
    private static final String EOB = "ExplanationOfBenefit";

    private static Finding paging(PlanIdentityProviderConfig plan, SearchsetPage first) {
        return PagingCheck.of(plan, EOB, read(first), PATIENT);
    }

    private static SearchsetPage withNext(String next) {
        return new SearchsetPage(1, OptionalInt.of(40), Optional.of(next));
    }

    @Test
    void theSearchIsTheMembersClaimsPinnedAsTheProxyPinsThem() {
        PagingCheck.Search search = PagingCheck.search(plan(), new HapiSearchParameters(R4.context()), PATIENT)
            .orElseThrow();
        PagingCheck.Search coverage = PagingCheck.search(plan("allowedResourceTypes", "Patient, Coverage"),
            new HapiSearchParameters(R4.context()), PATIENT).orElseThrow();

        assertEquals(BASE + "/ExplanationOfBenefit?patient=Patient%2F" + PATIENT + "&_count=1", search.url());
        assertEquals(BASE + "/Coverage?beneficiary=Patient%2F" + PATIENT + "&_count=1", coverage.url());
        assertEquals(Optional.empty(), PagingCheck.search(plan("allowedResourceTypes", "Patient, Organization"),
            new HapiSearchParameters(R4.context()), PATIENT));
    }

    @Test
    void nextLinksUnderTheFhirBaseOrServerSidePagesPass() {
        assertEquals(Result.PASS, paging(plan(), withNext(BASE + "/" + EOB + "?patient=Patient/" + PATIENT
            + "&_count=1&_offset=1")).result());
        Finding hapi = paging(plan(), withNext(BASE + "?_getpages=8a1f&_getpagesoffset=1&_count=1"));
        assertEquals(Result.PASS, hapi.result());
        assertTrue(hapi.detail().contains("_getpages"), hapi.detail());
    }

    @Test
    void nextLinksOnAnotherHostSuggestItAsAPagingHostWithoutNamingTheMember() {
        Finding finding = paging(plan("pagingHosts", "https://old-cdn.plan.example/r4"),
            withNext("https://cdn.plan.example/r4/" + EOB + "?patient=Patient/" + PATIENT + "&_count=1&page=2"));

        assertEquals(Result.WARN, finding.result());
        assertEquals(Map.of("pagingHosts", "https://old-cdn.plan.example/r4, https://cdn.plan.example/r4"),
            finding.suggests());
        assertTrue(finding.detail().contains("https://cdn.plan.example"), finding.detail());
        assertFalse(finding.toString().contains(PATIENT), finding.toString());
        assertEquals(Result.PASS, paging(plan("pagingHosts", "https://cdn.plan.example/r4"),
            withNext("https://cdn.plan.example/r4/" + EOB + "?page=2")).result());
    }

    @Test
    void aPagingHostIsNeverSuggestedWithTheMembersPatientIdInIt() {
        assertEquals(Optional.of("https://cdn.plan.example"), PagingCheck.pagingHostOf(
            "https://cdn.plan.example/members/" + PATIENT + "/claims?page=2", EOB, PATIENT));
        assertEquals(Optional.empty(), PagingCheck.pagingHostOf("/r4/" + EOB + "?page=2", EOB, PATIENT));
    }

    @Test
    void noNextLinkWhileTheTotalSaysMoreSuggestsOffsetPaging() {
        SearchsetPage first = new SearchsetPage(1, OptionalInt.of(40), Optional.empty());

        Finding finding = paging(plan(), first);

        assertEquals(Result.WARN, finding.result());
        assertEquals(Map.of("pagingMode", "offset"), finding.suggests());
        assertFalse(finding.detail().contains("40"), "how many claims the member has is theirs: " + finding.detail());
        assertEquals(Result.PASS,
            paging(plan("pagingMode", "offset", "offsetParameter", "startIndex"), first).result());
        assertEquals(Result.SKIPPED,
            paging(plan(), new SearchsetPage(1, OptionalInt.of(1), Optional.empty())).result());
    }

    @Test
    void aSearchThePlanCannotAnswerFailsAndOneItRefusesWarns() {
        assertEquals(Result.FAIL, PagingCheck.of(plan(), EOB, Plans.status(503), PATIENT).result());
        Finding refused = PagingCheck.of(plan(), EOB, Plans.status(401), PATIENT);
        assertEquals(Result.WARN, refused.result());
        assertTrue(refused.detail().contains("answered HTTP 401"), refused.detail());
    }
}
