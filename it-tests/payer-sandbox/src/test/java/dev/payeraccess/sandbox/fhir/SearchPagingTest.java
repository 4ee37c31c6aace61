package dev.payeraccess.sandbox.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SearchPagingTest {

    private static final String PATIENT = TestMembers.DELMAR.patientId();

    private static FhirSandbox sandbox;
    private static String token;
    private static IGenericClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = FhirSandbox.start();
        token = sandbox.issue(TestMembers.DELMAR, Track.TEST);
        client = sandbox.client(token);
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void pagingWithCountFiveCollectsEveryClaimExactlyOnce() {
        Set<String> everything = ids(client.search().forResource(ExplanationOfBenefit.class).count(100)
            .returnBundle(Bundle.class).execute());
        List<String> collected = new ArrayList<>();
        int pages = 0;
        Bundle page = client.search().byUrl("ExplanationOfBenefit?patient=" + PATIENT + "&_count=5")
            .returnBundle(Bundle.class).execute();
        while (true) {
            pages++;
            assertEquals(everything.size(), page.getTotal());
            assertTrue(page.getEntry().size() <= 5);
            page.getEntry().forEach(e -> collected.add(e.getResource().getIdElement().getIdPart()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = client.loadPage().next(page).execute();
        }

        assertEquals(everything.size(), collected.size(), "no duplicates");
        assertEquals(everything, new HashSet<>(collected));
        assertEquals((everything.size() + 4) / 5, pages);
    }

    @Test
    void linksAreAbsoluteTypeLevelSearchUrlsThatWorkWhenFollowed() throws Exception {
        Bundle first = client.search().byUrl("ExplanationOfBenefit?patient=" + PATIENT + "&_count=5")
            .returnBundle(Bundle.class).execute();
        String next = first.getLink(Bundle.LINK_NEXT).getUrl();

        assertTrue(first.getLink(Bundle.LINK_SELF).getUrl().startsWith(sandbox.base() + "/ExplanationOfBenefit?"));
        assertTrue(next.startsWith(sandbox.base() + "/ExplanationOfBenefit?"), next);
        assertTrue(next.contains("_offset=5") && next.contains("_count=5") && next.contains("patient="), next);
        assertNull(first.getLink(Bundle.LINK_PREV));

        HttpResponse<String> followed = sandbox.get(next, token);
        assertEquals(200, followed.statusCode());
        Bundle second = FhirSandbox.FHIR.newJsonParser().parseResource(Bundle.class, followed.body());
        assertNotNull(second.getLink(Bundle.LINK_PREV));
        assertTrue(second.getLink(Bundle.LINK_PREV).getUrl().contains("_offset=0"));
        assertEquals(5, second.getEntry().size());
        assertTrue(ids(second).stream().noneMatch(ids(first)::contains));
    }

    @Test
    void entriesHaveFullUrlsAndMatchMode() {
        Bundle page = client.search().forResource(ExplanationOfBenefit.class).returnBundle(Bundle.class).execute();

        assertEquals(Bundle.BundleType.SEARCHSET, page.getType());
        assertEquals(10, page.getEntry().size(), "default page size");
        page.getEntry().forEach(entry -> {
            assertEquals(sandbox.base() + "/ExplanationOfBenefit/" + entry.getResource().getIdElement().getIdPart(),
                entry.getFullUrl());
            assertEquals(SearchEntryMode.MATCH, entry.getSearch().getMode());
        });
    }

    @Test
    void searchesByIdAndPatientOnEveryServedType() {
        for (String type : List.of("Coverage", "ExplanationOfBenefit")) {
            Bundle all = client.search().byUrl(type + "?patient=" + PATIENT).returnBundle(Bundle.class).execute();
            String id = all.getEntryFirstRep().getResource().getIdElement().getIdPart();

            Bundle byId = client.search().byUrl(type + "?_id=" + id).returnBundle(Bundle.class).execute();

            assertTrue(all.getTotal() > 0, type);
            assertEquals(Set.of(id), ids(byId), type);
        }
        Bundle byBeneficiary = client.search().byUrl("Coverage?beneficiary=Patient/" + PATIENT)
            .returnBundle(Bundle.class).execute();
        assertTrue(byBeneficiary.getTotal() > 0);
    }

    private static Set<String> ids(Bundle bundle) {
        return bundle.getEntry().stream()
            .filter(e -> e.getSearch().getMode() == SearchEntryMode.MATCH)
            .map(e -> e.getResource().getIdElement().getIdPart())
            .collect(Collectors.toSet());
    }

    @Test
    void serverSidePagingLinksPagesAtTheBaseLikeHapiPlans() {
        sandbox.controls().serverSidePaging(true);
        try {
            Bundle first = client.search().byUrl("ExplanationOfBenefit?_count=5").returnBundle(Bundle.class).execute();
            String next = first.getLink(Bundle.LINK_NEXT).getUrl();
            assertTrue(next.contains("?_getpages="), next);

            Bundle second = client.loadPage().next(first).execute();
            assertEquals(5, second.getEntry().size());
            Set<String> firstIds = ids(first);
            assertTrue(ids(second).stream().noneMatch(firstIds::contains), "the next page holds other claims");
        } finally {
            sandbox.controls().serverSidePaging(false);
        }
    }
}
