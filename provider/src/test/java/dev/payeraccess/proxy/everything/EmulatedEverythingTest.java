package dev.payeraccess.proxy.everything;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.AccessTokenSource;
import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanFhirCall;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.plan.ResolverTable;
import dev.payeraccess.proxy.answer.FhirJsonRewriter;
import dev.payeraccess.proxy.paging.BundlePaging;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulation against a local stand-in for a plan that serves searches only: one Bundle written by the proxy from
 * several plan pages, filtered as searches are, paged by cursors, a failing type an outcome entry.
 */
class EmulatedEverythingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROXY = "https://kc.example/realms/r/payer-access/fhir/test";

    private HttpServer server;
    private CloseableHttpClient client;
    private String plan;
    private final Map<String, String> answers = new HashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPlan() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String asked = exchange.getRequestURI().getRawPath().substring("/r4/".length())
                + (query != null && query.contains("page=2") ? "?page=2" : "");
            received.add(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
            String answer = answers.get(asked);
            byte[] body = (answer == null ? "{\"resourceType\":\"OperationOutcome\"}" : answer.replace("{plan}", plan))
                .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(answer == null ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        plan = "http://127.0.0.1:" + server.getAddress().getPort() + "/r4";
        client = HttpClients.createDefault();
        answers.put("Patient", bundle(entry("Patient", "p1", ""), include("Organization", "org1")));
        answers.put("Coverage", bundle());
        answers.put("ExplanationOfBenefit", pageWithNext("{plan}/ExplanationOfBenefit?patient=Patient%2Fp1&page=2",
            entry("ExplanationOfBenefit", "e1", "p1"), entry("ExplanationOfBenefit", "dependent", "p9")));
        answers.put("ExplanationOfBenefit?page=2", bundle(entry("ExplanationOfBenefit", "e2", "p1")));
    }

    @AfterEach
    void stopPlan() throws IOException {
        client.close();
        server.stop(0);
    }

    @Test
    void pagesThroughEveryTypeInOneBundleWithWhatASearchWouldReturn() throws Exception {
        EverythingPlan everything = EverythingSearchesTest.plan("openid patient/*.read", "", Optional.empty());

        JsonNode first = read(everything, "");
        assertEquals(List.of("Patient/p1", "Organization/org1"), ids(first));
        assertEquals("searchset", first.get("type").asText());
        assertEquals(PROXY + "/Patient/p1/$everything", link(first, "self"));
        assertEquals(PROXY + "/Organization/org1", first.get("entry").get(1).get("fullUrl").asText());

        JsonNode second = follow(everything, first);
        assertEquals(List.of("ExplanationOfBenefit/e1"), ids(second), "Coverage held nothing; a dependent's claim is "
            + "withheld as in a search");

        JsonNode third = follow(everything, second);
        assertEquals(List.of("ExplanationOfBenefit/e2"), ids(third));
        assertFalse(third.toString().contains("\"next\""), "the last page: " + third);
        assertFalse((first.toString() + second + third).contains(plan), "a plan URL reached the app");
        assertEquals(4, received.size(), received.toString());
    }

    @Test
    void aTypeThePlanFailsBecomesAnOutcomeEntryAndTheOthersAreStillRead() throws Exception {
        answers.remove("Coverage");
        EverythingPlan everything = EverythingSearchesTest.plan("openid patient/*.read", "_type=Coverage,"
            + "ExplanationOfBenefit", Optional.empty());

        JsonNode first = read(everything, "");

        assertEquals(1, first.get("entry").size(), first.toString());
        JsonNode outcome = first.get("entry").get(0);
        assertEquals("outcome", outcome.get("search").get("mode").asText());
        assertTrue(outcome.get("resource").get("issue").get(0).get("diagnostics").asText()
            .contains("Coverage is left out of this Bundle: plan test answered its search with HTTP 500"),
            outcome.toString());
        assertEquals(List.of("ExplanationOfBenefit/e1"), ids(follow(everything, first)));
    }

    @Test
    void theFirstReadFailingIsTheAppsAnswer() throws Exception {
        EverythingPlan everything = EverythingSearchesTest.plan("openid patient/*.read", "", Optional.empty());
        EmulatedEverything emulated = new EmulatedEverything("test", EverythingSearchesTest.request("p1", ""),
            everything, cursors(), url -> {
                throw FhirProblem.planTimeout("slow").exception();
            }, rewriter(everything));

        assertEquals(504, assertThrows(FhirProblemException.class, emulated::answer).problem().status());
    }

    private JsonNode follow(EverythingPlan everything, JsonNode page) throws Exception {
        String next = link(page, "next");
        String cursor = next.substring(next.indexOf(EverythingRequest.CURSOR + "="));
        return read(everything, cursor);
    }

    private JsonNode read(EverythingPlan everything, String query) throws Exception {
        EmulatedEverything emulated = new EmulatedEverything("test", EverythingSearchesTest.request("p1", query),
            everything, cursors(), this::planPage, rewriter(everything));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        emulated.answer().write(out);
        return JSON.readTree(out.toByteArray());
    }

    private dev.payeraccess.plan.PlanAnswer planPage(String url) throws FhirProblemException {
        PlanEndpoints endpoints = new PlanEndpoints("test", plan, plan + "/token", Optional.empty(), "client-1",
            (s, r) -> r, 5_000, List.of());
        try {
            return new PlanFhirCall(client, ResolverTable.development(), endpoints, System.nanoTime() + 10_000_000_000L)
                .read(url, Map.of(), new AccessTokenSource<RuntimeException>() {
                    @Override
                    public String current() {
                        return "member-token";
                    }

                    @Override
                    public String renewedAfterRejection(String rejected) {
                        return "member-token";
                    }
                });
        } catch (PlanProblem e) {
            throw FhirProblem.planUnavailable("unreachable").exception();
        }
    }

    private EverythingCursors cursors() {
        return new EverythingCursors(EverythingCursorsTest.GRANTS, PROXY, plan);
    }

    private FhirJsonRewriter rewriter(EverythingPlan everything) {
        return new FhirJsonRewriter(plan, PROXY, everything.answer(),
            BundlePaging.onPlanBaseOnly(UnaryOperator.identity()), FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS);
    }

    private static String bundle(String... entries) {
        return bundleWithNext(null, entries);
    }

    private static String pageWithNext(String next, String... entries) {
        return bundleWithNext(next, entries);
    }

    private static String bundleWithNext(String next, String... entries) {
        String links = "[{\"relation\":\"self\",\"url\":\"{plan}/x\"}"
            + (next == null ? "" : ",{\"relation\":\"next\",\"url\":\"" + next + "\"}") + "]";
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":9,\"link\":" + links
            + (entries.length == 0 ? "" : ",\"entry\":[" + String.join(",", entries) + "]") + "}";
    }

    private static String entry(String type, String id, String patient) {
        String subject = patient.isEmpty() ? "" : ",\"patient\":{\"reference\":\"Patient/" + patient + "\"}";
        return "{\"fullUrl\":\"{plan}/" + type + "/" + id + "\",\"resource\":{\"resourceType\":\"" + type
            + "\",\"id\":\"" + id + "\"" + subject + "},\"search\":{\"mode\":\"match\"}}";
    }

    private static String include(String type, String id) {
        return "{\"fullUrl\":\"{plan}/" + type + "/" + id + "\",\"resource\":{\"resourceType\":\"" + type
            + "\",\"id\":\"" + id + "\"},\"search\":{\"mode\":\"include\"}}";
    }

    private static List<String> ids(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        bundle.path("entry").forEach(e -> ids.add(e.get("resource").get("resourceType").asText() + "/"
            + e.get("resource").get("id").asText()));
        return ids;
    }

    private static String link(JsonNode bundle, String relation) {
        for (JsonNode link : bundle.get("link")) {
            if (link.get("relation").asText().equals(relation)) {
                return link.get("url").asText();
            }
        }
        throw new AssertionError("no " + relation + " link in " + bundle);
    }
}
