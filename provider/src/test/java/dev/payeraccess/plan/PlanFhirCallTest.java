package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The last guard before a member's token leaves Keycloak: whatever URL the proxy hands over, the read is sent only
 * under the plan's FHIR base or one of its paging hosts. A local server stands in for the plan and records what it
 * receives.
 */
class PlanFhirCallTest {

    private HttpServer plan;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> tokensAsked = new CopyOnWriteArrayList<>();
    private CloseableHttpClient client;
    private String origin;

    @BeforeEach
    void startPlan() throws IOException {
        plan = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        plan.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getRawPath() + " "
                + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        plan.start();
        origin = "http://127.0.0.1:" + plan.getAddress().getPort();
        client = HttpClients.createDefault();
    }

    @AfterEach
    void stopPlan() throws IOException {
        client.close();
        plan.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/r4/Coverage?patient=1", "/gateway/r4/Coverage?page=2"})
    void readsUnderTheBaseAndThePagingHostsWithTheMembersToken(String path) throws Exception {
        try (PlanAnswer answer = call().read(origin + path, Map.of(), tokens())) {
            assertEquals(200, answer.status());
        }

        assertEquals(List.of(path.substring(0, path.indexOf('?')) + " Bearer member-token"), received);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example/r4/Coverage",
        "{origin}/admin",
        "{origin}/r4x/Coverage",
        "{origin}/gateway/r4/../../admin",
        "{origin}/gateway/r4/..%2F..%2Fadmin",
        "{origin}/gateway/r4%2F..%2Fadmin",
        "{origin}/gateway/r4/%2e%2e/admin",
        "{origin}/gateway/r4/Coverage#x",
        "http://127.0.0.1:1/r4/Coverage",
    })
    void sendsNothingAnywhereElseNotEvenATokenLookup(String url) {
        PlanProblem refused = assertThrows(PlanProblem.class,
            () -> call().read(url.replace("{origin}", origin), Map.of(), tokens()));

        assertEquals(PlanProblem.Kind.OUTSIDE_PLAN, refused.kind());
        assertEquals(List.of(), received, "the plan received a request");
        assertEquals(List.of(), tokensAsked, "the member's token was looked up");
    }

    @Test
    void aPlanAtALoopbackAddressIsNeverCalledWithoutTheDevelopmentSwitch() {
        PlanProblem refused = assertThrows(PlanProblem.class,
            () -> call(ResolverTable.publicOnly()).read(origin + "/r4/Coverage?patient=1", Map.of(), tokens()));

        assertEquals(PlanProblem.Kind.TARGET_REFUSED, refused.kind());
        assertEquals(502, refused.status());
        assertEquals(List.of(), received, "the plan received a request");
        assertEquals(List.of(), tokensAsked, "the member's token was looked up");
        String said = refused.refusal().orElseThrow().toApp();
        assertEquals("Keycloak does not call private or loopback addresses, and " + origin + " is one.", said);
        assertFalse(refused.getMessage().contains("patient=1"), refused.getMessage());
    }

    @Test
    void aPlanWhoseNameResolvesToAPrivateAddressIsNeverCalled() {
        // The name is the plan's own FHIR base: only what it resolves to makes it private.
        OutboundTargets targets = OutboundTargets.publicOnly(new ResolverTable().with("plan.example", "10.0.0.8"));
        PlanEndpoints endpoints = new PlanEndpoints("plan", "https://plan.example/r4", "https://plan.example/token",
            Optional.empty(), "client-1", (s, r) -> r, 5_000, List.of());

        PlanProblem refused = assertThrows(PlanProblem.class, () -> new PlanFhirCall(client, targets, endpoints,
            System.nanoTime() + 10_000_000_000L).read("https://plan.example/r4/Coverage", Map.of(), tokens()));

        assertEquals(PlanProblem.Kind.TARGET_REFUSED, refused.kind());
        assertEquals(List.of(), tokensAsked, "the member's token was looked up");
    }

    private PlanFhirCall call() {
        // The local stand-in for the plan is on loopback: a node with the development switch calls it.
        return call(ResolverTable.development());
    }

    private PlanFhirCall call(OutboundTargets targets) {
        PlanEndpoints endpoints = new PlanEndpoints("plan", origin + "/r4", origin + "/token", Optional.empty(),
            "client-1", (s, r) -> r, 5_000, List.of(origin + "/gateway/r4"));
        return new PlanFhirCall(client, targets, endpoints, System.nanoTime() + 10_000_000_000L);
    }

    private AccessTokenSource<RuntimeException> tokens() {
        return new AccessTokenSource<>() {
            @Override
            public String current() {
                tokensAsked.add("current");
                return "member-token";
            }

            @Override
            public String renewedAfterRejection(String rejected) {
                tokensAsked.add("renewed");
                return "renewed-token";
            }
        };
    }
}
