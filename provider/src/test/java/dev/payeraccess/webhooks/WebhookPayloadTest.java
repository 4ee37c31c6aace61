package dev.payeraccess.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void theBodyIsTypeTimestampAndDataOfIdsAliasesStatesAndTimes() throws Exception {
        LifecycleChange change = LifecycleChange.ofLink(LifecycleKind.REVOKED, "acme", "user-1", "relink-required",
            Optional.of("plan_refused_renewal"), AT, Optional.empty());
        JsonNode body = new ObjectMapper().readTree(WebhookPayload.of("members", change));
        assertEquals("link.revoked", body.get("type").asText());
        assertEquals("2026-12-06T10:00:00Z", body.get("timestamp").asText());
        JsonNode data = body.get("data");
        assertEquals(List.of("realm", "plan", "userId", "state", "reason", "at"), fields(data));
        assertEquals("acme", data.get("plan").asText());
        assertEquals("relink-required", data.get("state").asText());
    }

    @Test
    void aPlansHealthCarriesItsStatesOnly() throws Exception {
        JsonNode data = new ObjectMapper().readTree(WebhookPayload.of("members",
            LifecycleChange.planHealth("acme", "up", "down", AT))).get("data");
        assertEquals(List.of("realm", "plan", "state", "previousState", "at"), fields(data));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
