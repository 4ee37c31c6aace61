package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.SandboxControls;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A plan is untrusted input: one that answers its CapabilityStatement and discovery document with megabytes of
 * made-up types, parameters copied everywhere, nesting thousands deep or keys twice is probed, shown, and repeated
 * to apps within bounds, and the node keeps answering sign-ins. The documents are generated from a fixed seed.
 */
@ExtendWith(PayerAccessStack.class)
class HostilePlanIT {

    private static final String FHIR_JSON = "application/fhir+json;charset=utf-8";
    /** Just under what the extension reads of a CapabilityStatement (4 MB). */
    private static final int STATEMENT_BYTES = 4 * 1024 * 1024 - 4096;

    @Test
    void hostileDocumentsNeitherStopNorStallTheNode(KeycloakStack stack) throws Exception {
        TestRealm realm = TestRealm.create(stack, "hostile");
        realm.addPlan(realm.plan("plan", Track.TEST));
        SandboxControls plan = stack.sandbox().controls();
        String base = "/r4";
        plan.serveDocument(base + "/metadata", FHIR_JSON, flooded(new Random(21)));
        plan.serveDocument(base + "/.well-known/smart-configuration", "application/json",
            ("{\"authorization_endpoint\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
                .getBytes(StandardCharsets.UTF_8));

        long start = System.nanoTime();
        JsonNode probed = probe(realm);
        long probeMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals("degraded", probed.get("status").asText(), probed.toString());
        assertTrue(probed.get("detail").asText().contains("smart-configuration"), probed.toString());
        assertTrue(probeMs < 10_000, "probed in " + probeMs + " ms");
        for (int i = 0; i < 5; i++) {
            ApiResponse metadata = metadata(stack, realm).expect(200);
            assertTrue(metadata.body().length() < 200_000, "metadata is " + metadata.body().length() + " chars");
            assertTrue(metadata.body().contains("\"_p99\""), "the plan's server-wide parameters are declared");
            assertFalse(metadata.body().contains("\"_p100\""), "up to 100 of them");
            assertFalse(metadata.body().contains("\"Tz"), "a made-up type is never repeated");
        }

        plan.serveDocument(base + "/metadata", FHIR_JSON, ("{\"resourceType\":\"CapabilityStatement\",\"rest\":"
            + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8));
        assertEquals("down", probe(realm).get("status").asText(), "too deep to read");
        plan.serveDocument(base + "/metadata", FHIR_JSON,
            "{\"resourceType\":\"CapabilityStatement\",\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("down", probe(realm).get("status").asText(), "a key twice");
        assertTrue(metadata(stack, realm).expect(200).body().contains("\"_p99\""), "the last good statement stays");

        realm.admin.post("clients", Map.of("clientId", "signin", "publicClient", true, "directAccessGrantsEnabled",
            true)).expect(201);
        assertFalse(realm.token("signin", TestRealm.USER, "openid").isBlank(), "the node still answers sign-ins");
        realm.delete();
    }

    private static JsonNode probe(TestRealm realm) throws Exception {
        return realm.admin.post("payer-access/plans/plan/health", null).expect(200).json();
    }

    private static ApiResponse metadata(KeycloakStack stack, TestRealm realm) throws Exception {
        return ApiResponse.send(HttpRequest.newBuilder(URI.create(stack.keycloak().baseUrl() + "/realms/"
            + realm.name + "/payer-access/fhir/plan/metadata")).GET().build());
    }

    /**
     * A CapabilityStatement of {@link #STATEMENT_BYTES}: 200 server-wide parameters, then Coverage and made-up types
     * ({@code Tz...}) declared over and over, each with up to 300 parameters.
     */
    private static byte[] flooded(Random random) {
        StringBuilder json = new StringBuilder(STATEMENT_BYTES + 4096)
            .append("{\"resourceType\":\"CapabilityStatement\",\"fhirVersion\":\"4.0.1\","
                + "\"rest\":[{\"mode\":\"server\",\"searchParam\":[");
        for (int i = 0; i < 200; i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":\"_p").append(i).append("\",\"type\":\"token\"}");
        }
        json.append("],\"resource\":[");
        for (boolean first = true; json.length() < STATEMENT_BYTES - 16_384; first = false) {
            json.append(first ? "" : ",").append("{\"type\":\"").append(random.nextInt(3) == 0 ? "Coverage"
                : "Tz" + Integer.toString(random.nextInt(1 << 20), 36)).append("\",\"searchParam\":[");
            int params = 1 + random.nextInt(300);
            for (int p = 0; p < params; p++) {
                json.append(p == 0 ? "" : ",").append("{\"name\":\"p").append(random.nextInt(1000))
                    .append("\",\"type\":\"string\"}");
            }
            json.append("]}");
        }
        return json.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
