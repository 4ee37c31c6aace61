package dev.payeraccess.proxy.allplans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.fhir.FhirProblem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanEntriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PlanName PLAN = new PlanName("acme", "Acme Health",
        "https://kc.example/realms/r/payer-access/fhir/acme");

    @Test
    void namesTheEntrysPlanInItsFullUrlAndMetaSourceKeepingThePlansOwnSource() throws Exception {
        ObjectNode entry = (ObjectNode) JSON.readTree("{\"fullUrl\":\"x\",\"resource\":{\"resourceType\":"
            + "\"ExplanationOfBenefit\",\"id\":\"e1\"}}");
        PlanEntries.named(entry, PLAN);
        assertEquals(PLAN.proxyBase() + "/ExplanationOfBenefit/e1", entry.path("fullUrl").asText());
        assertEquals(PLAN.proxyBase(), entry.path("resource").path("meta").path("source").asText());
        ObjectNode own = (ObjectNode) JSON.readTree("{\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"c\","
            + "\"meta\":{\"source\":\"#plan-system\",\"versionId\":\"1\"}}}");
        PlanEntries.named(own, PLAN);
        assertEquals("#plan-system", own.path("resource").path("meta").path("source").asText());
        assertEquals("1", own.path("resource").path("meta").path("versionId").asText());
    }

    @Test
    void aFailedPlanIsAnOutcomeEntryNamingItAndWhy() {
        ObjectNode entry = PlanEntries.outcome(PLAN, new PlanItem.Ended(504, Optional.of(FhirProblem.planTimeout(
            "The plan did not answer in time.")), Optional.empty(), false));
        assertEquals("outcome", entry.path("search").path("mode").asText());
        assertEquals("OperationOutcome", entry.path("resource").path("resourceType").asText());
        assertEquals(PLAN.proxyBase(), entry.path("resource").path("meta").path("source").asText());
        String diagnostics = entry.path("resource").path("issue").path(0).path("diagnostics").asText();
        assertTrue(diagnostics.startsWith("Plan acme (Acme Health) was not read (HTTP 504)"), diagnostics);
    }

    @Test
    void aPlanThatSortedSaysSoInItsSelfLink() {
        SortOrder newest = SortOrder.of(Optional.of("-created")).orElseThrow();
        assertTrue(PlanEntries.sortsBy(PLAN.proxyBase() + "/ExplanationOfBenefit?_sort=-created&_count=5", newest));
        assertTrue(PlanEntries.sortsBy(PLAN.proxyBase() + "/ExplanationOfBenefit?_count=5&_sort=-created%2Cid",
            newest));
        assertFalse(PlanEntries.sortsBy(PLAN.proxyBase() + "/ExplanationOfBenefit?_count=5", newest));
        assertFalse(PlanEntries.sortsBy(PLAN.proxyBase() + "/ExplanationOfBenefit?_sort=created", newest));
        assertFalse(PlanEntries.sortsBy("", newest));
        String warning = PlanEntries.unsorted(PLAN, newest).path("resource").path("issue").path(0)
            .path("diagnostics").asText();
        assertTrue(warning.contains("did not sort its entries by _sort=-created"), warning);
    }

    @Test
    void readsThePlansPageLinksBackAsSinglePlanRequests() {
        assertEquals(Optional.of(new PlanEntries.PageRequest("", Optional.of("_getpages=a&g=b"))),
            PlanEntries.pageRequest(PLAN.proxyBase() + "?_getpages=a&g=b", PLAN));
        assertEquals(Optional.of(new PlanEntries.PageRequest("ExplanationOfBenefit", Optional.of("_offset=5"))),
            PlanEntries.pageRequest(PLAN.proxyBase() + "/ExplanationOfBenefit?_offset=5", PLAN));
        assertEquals(Optional.empty(), PlanEntries.pageRequest(PLAN.proxyBase() + "-other?_getpages=a", PLAN));
        assertEquals(Optional.empty(), PlanEntries.pageRequest("https://elsewhere.example/r4?x", PLAN));
    }
}
