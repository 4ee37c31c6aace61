package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The paging quirks of real plans the sandbox imitates on request; off, it pages with next links on its base. */
class PagingQuirksTest extends SandboxTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private String token;

    @BeforeEach
    void member() throws Exception {
        token = client.tokensFor(Track.TEST, TestMembers.DELMAR).get("access_token").asText();
    }

    @Test
    void offByDefaultAndAfterReset() throws Exception {
        sandbox.controls().nextLinksOnSecondHost(true).offsetPaging("startIndex");
        sandbox.reset();

        JsonNode first = get(sandbox.urls().fhirBase() + "/ExplanationOfBenefit?_count=5");

        assertTrue(next(first).orElseThrow().startsWith(sandbox.urls().fhirBase() + "/ExplanationOfBenefit?"));
        assertFalse(sandbox.controls().nextLinksOnSecondHost());
        assertEquals(Optional.empty(), sandbox.controls().offsetPagingParameter());
    }

    @Nested
    @DisplayName("Given next links on the second host")
    class SecondHost {

        @BeforeEach
        void on() {
            sandbox.controls().nextLinksOnSecondHost(true);
        }

        @Test
        void pagingLinksPointAtTheSecondHostWhichServesThePagesWithTheSameToken() throws Exception {
            assertFalse(sandbox.urls().pagingHostBase().startsWith(sandbox.urls().base()), sandbox.urls().toString());
            Set<String> ids = new HashSet<>();
            int total = -1;
            JsonNode page = get(sandbox.urls().fhirBase() + "/ExplanationOfBenefit?_count=5");
            while (true) {
                total = page.get("total").asInt();
                page.path("entry").forEach(entry -> {
                    ids.add(entry.get("resource").get("id").asText());
                    assertTrue(entry.get("fullUrl").asText().startsWith(sandbox.urls().fhirBase() + "/"),
                        "resources keep their URLs on the FHIR base: " + entry.get("fullUrl"));
                });
                assertTrue(self(page).startsWith(sandbox.urls().fhirBase() + "/"), self(page));
                Optional<String> next = next(page);
                if (next.isEmpty()) {
                    break;
                }
                assertTrue(next.get().startsWith(sandbox.urls().pagingHostBase() + "/ExplanationOfBenefit?"),
                    next.get());
                page = get(next.get());
            }

            assertTrue(total > 5, "several pages: " + total);
            assertEquals(total, ids.size());
            List<ReceivedRequest> onSecondHost = onHost(sandbox.urls().pagingHost());
            assertEquals((total - 1) / 5, onSecondHost.size());
            onSecondHost.forEach(r -> assertEquals(Optional.of("Bearer " + token), r.header("Authorization")));
        }
    }

    @Nested
    @DisplayName("Given offset paging by startIndex")
    class OffsetPaging {

        @BeforeEach
        void on() {
            sandbox.controls().offsetPaging("startIndex");
        }

        @Test
        void searchesPageByTheParameterAndCarryATotalButNoNextLink() throws Exception {
            String search = sandbox.urls().fhirBase() + "/ExplanationOfBenefit?_count=5";
            JsonNode first = get(search);
            int total = first.get("total").asInt();
            List<String> ids = new ArrayList<>();
            for (int offset = 0; offset < total; offset += 5) {
                JsonNode page = get(search + "&startIndex=" + offset);
                assertEquals(Optional.empty(), next(page));
                assertFalse(page.toString().contains("\"previous\""), page.toString());
                page.path("entry").forEach(entry -> ids.add(entry.get("resource").get("id").asText()));
            }

            assertTrue(total > 5, "several pages: " + total);
            assertEquals(Optional.empty(), next(first));
            assertEquals(total, ids.size());
            assertEquals(total, new HashSet<>(ids).size(), "every claim once");
        }

        @Test
        void theSelfLinkNamesThePlansParameterAndUnderscoreOffsetIsIgnored() throws Exception {
            String search = sandbox.urls().fhirBase() + "/ExplanationOfBenefit?_count=5";
            JsonNode third = get(search + "&startIndex=10");

            assertTrue(self(third).contains("startIndex=10") && !self(third).contains("_offset"), self(third));
            assertEquals(ids(get(search)), ids(get(search + "&_offset=10")), "_offset is not this plan's parameter");
        }
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return SandboxClient.JSON.readTree(response.body());
    }

    private static Optional<String> next(JsonNode bundle) {
        return link(bundle, "next");
    }

    private static String self(JsonNode bundle) {
        return link(bundle, "self").orElseThrow();
    }

    private static Optional<String> link(JsonNode bundle, String relation) {
        for (JsonNode link : bundle.path("link")) {
            if (relation.equals(link.get("relation").asText())) {
                return Optional.of(link.get("url").asText());
            }
        }
        return Optional.empty();
    }

    private static List<String> ids(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        bundle.path("entry").forEach(entry -> ids.add(entry.get("resource").get("id").asText()));
        return ids;
    }

    private static List<ReceivedRequest> onHost(String origin) {
        String hostAndPort = URI.create(origin).getAuthority();
        return sandbox.controls().requests(Area.FHIR).stream()
            .filter(r -> r.header("Host").orElse("").equals(hostAndPort)).toList();
    }
}
