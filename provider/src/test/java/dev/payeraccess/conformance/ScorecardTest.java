package dev.payeraccess.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorecardTest {

    @Test
    void theJsonListsEveryFindingWithItsSuggestionsAndCountsEachResult() {
        Scorecard card = new Scorecard("acme", Instant.parse("2026-11-23T09:40:12.345Z"), List.of(
            Finding.pass("https", "Every URL of the plan is https."),
            Finding.fail("pkce-s256", "No S256.", "pkceEnabled", "false"),
            Finding.skipped("paging", "No member named.")));

        ObjectNode json = card.toJson();

        assertEquals("acme", json.get("plan").asText());
        assertEquals("2026-11-23T09:40:12Z", json.get("checkedAt").asText());
        assertEquals("{\"check\":\"pkce-s256\",\"result\":\"fail\",\"detail\":\"No S256.\","
            + "\"suggests\":{\"pkceEnabled\":\"false\"}}", json.get("findings").get(1).toString());
        assertEquals("{}", json.get("findings").get(0).get("suggests").toString());
        assertEquals("{\"pass\":1,\"warn\":0,\"fail\":1,\"skipped\":1}", json.get("summary").toString());
        assertEquals(Map.of("pkceEnabled", "false"), card.finding("pkce-s256").orElseThrow().suggests());
    }
}
