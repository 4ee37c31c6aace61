package dev.payeraccess.proxy.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.plan.PlanHosts;
import dev.payeraccess.proxy.answer.FhirJsonRewriter;
import dev.payeraccess.proxy.policy.AnswerFilter;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.FhirRequestParser;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.PageParameters;
import dev.payeraccess.proxy.request.SearchParameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages at a plan's other hosts: the proxy hands the app its own link with a grant for exactly that URL, and
 * follows nothing else. Every attack here is a page link or a plan answer someone would like the proxy to follow.
 */
class PagingHostLinksTest {

    private static final String PLAN = "https://api.plan.example/r4";
    private static final String CDN = "https://cdn.plan.example";
    private static final String GATEWAY = "https://gw.plan.example/fhir/r4";
    private static final String PROXY = "https://kc.example/realms/r1/payer-access/fhir/test";
    private static final PlanHosts HOSTS = new PlanHosts(PLAN, List.of(CDN, GATEWAY));
    private static final List<byte[]> KEYS =
        List.of("k-one-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8));
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FhirRequestParser PARSER = new FhirRequestParser(R4.context().getResourceTypes(), PROXY, PLAN);

    private final PagingHostLinks dana = links("dana", "test", HOSTS);

    private static PagingHostLinks links(String user, String alias, PlanHosts hosts) {
        return new PagingHostLinks(grammar(user, alias), hosts, PROXY);
    }

    private static PageLinkGrammar grammar(String user, String alias) {
        return new PageLinkGrammar(new PageGrants(KEYS, user, alias), Clock.systemUTC());
    }

    @Nested
    @DisplayName("Given a link the proxy signed for a page at a paging host")
    class Grants {

        private final String at = GATEWAY + "/Coverage?patient=Patient%2Fsherie&_count=10&page=2";
        private final String link = dana.signer("Coverage").apply(at).orElseThrow();

        @Test
        void itLeadsBackThroughTheProxyAndReadsExactlyThatUrl() throws FhirProblemException {
            assertTrue(link.startsWith(PROXY + "?" + PageParameters.HOST_PAGE + "="), link);
            assertFalse(link.contains("gw.plan.example"), "the plan's host is not spelled out: " + link);

            FhirRequest page = dana.verified(followed(link));

            assertEquals(Interaction.PAGE, page.interaction());
            assertEquals(Optional.of("Coverage"), page.type());
            assertEquals(at, page.planUrl(PLAN));
            assertEquals(List.of(), page.parameters(), "nothing of the link is forwarded");
        }

        @Test
        void itExpiresAfterAnHour() {
            PageLinkGrammar later = new PageLinkGrammar(new PageGrants(KEYS, "dana", "test"),
                Clock.offset(Clock.systemUTC(), PageLinkGrammar.LIFETIME.plusSeconds(1)));

            assertForbidden(() -> new PagingHostLinks(later, HOSTS, PROXY).verified(followed(link)));
        }

        @Test
        void anotherUserOrPlanCannotReplayIt() {
            assertForbidden(() -> links("eve", "test", HOSTS).verified(followed(link)));
            assertForbidden(() -> links("dana", "other", HOSTS).verified(followed(link)));
        }

        @Test
        void swappingTheHostIndexDoesNotMoveItToAnotherHost() {
            assertForbidden(() -> dana.verified(followed(link.replace(".1.", ".0."))));
            assertForbidden(() -> dana.verified(followed(link.replace(".1.", ".7."))));
            assertForbidden(() -> dana.verified(followed(link.replace(".1.", ".01."))));
        }

        @Test
        void aHostTheAdministratorRemovedOrReorderedNoLongerOpens() {
            assertForbidden(() -> links("dana", "test", new PlanHosts(PLAN, List.of(CDN))).verified(followed(link)));
            assertForbidden(() -> links("dana", "test", new PlanHosts(PLAN, List.of(GATEWAY, CDN)))
                .verified(followed(link)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/Coverage?patient=Patient%2Fsomeone-else&_count=10&page=2", "/../../admin",
            "/Coverage%2F..%2F..%2Fadmin", "/Coverage?patient=Patient%2Fsherie&_count=10&page=2&_include=*"})
        void changingThePathOrQueryBreaksTheGrant(String otherAt) {
            String[] parts = grant(link).split("\\.");
            String altered = parts[0] + "." + parts[1] + "." + base64(otherAt) + "." + parts[3] + "." + parts[4];

            assertForbidden(() -> dana.verified(followed(PROXY + "?" + PageParameters.HOST_PAGE + "=" + altered)));
        }

        @Test
        void changingTheTypeBreaksTheGrant() {
            assertForbidden(() -> dana.verified(followed(link.replace("=Coverage.", "=Patient."))));
            assertForbidden(() -> dana.verified(followed(link.replace("=Coverage.", "=coverage%0A."))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Coverage", "Coverage.1", "Coverage.1.L0NvdmVyYWdl", "Coverage.1.L0NvdmVyYWdl.",
            "Coverage.1.L0NvdmVyYWdl.AAAA", "Coverage.1.L0NvdmVyYWdl.99999999999.AAAA",
            "Coverage.1.!!!.9999999999.AAAA",
            "Coverage.1.L0NvdmVyYWdl.9999999999.AAAA.extra", "Coverage.1.L0NvdmVyYWdl.-1.AAAA"})
        void unsignedOrMalformedGrantsAreRefused(String grant) {
            assertForbidden(() -> dana.verified(followed(PROXY + "?" + PageParameters.HOST_PAGE + "=" + grant)));
        }

        @Test
        void aGetpagesGrantDoesNotOpenAPagingHostPageNorTheOtherWayRound() {
            String getpages = new PageLinks(grammar("dana", "test")).signer("Coverage")
                .apply(PROXY + "?_getpages=" + GATEWAY + "/Coverage");
            String getpagesMac = getpages.substring(getpages.lastIndexOf('.') + 1);
            String[] parts = grant(link).split("\\.");

            assertForbidden(() -> dana.verified(followed(PROXY + "?" + PageParameters.HOST_PAGE + "=" + parts[0] + "."
                + parts[1] + "." + parts[2] + "." + parts[3] + "." + getpagesMac)));
            assertForbidden(() -> new PageLinks(grammar("dana", "test")).verified(new FhirRequest(
                Interaction.PAGE, Optional.empty(), Optional.empty(), Optional.empty(), List.of(
                    new SearchParameter("_getpages", GATEWAY + "/Coverage"),
                        new SearchParameter(PageParameters.PAGE_GRANT, "Coverage." + parts[3] + "." + parts[4])))));
        }

        @Test
        void theAppCannotAddParametersToIt() {
            FhirProblemException refused = assertThrows(FhirProblemException.class,
                () -> parsed(link + "&_count=1000"));
            assertEquals(400, refused.problem().status());
        }
    }

    @Nested
    @DisplayName("Given a plan answer with links to other hosts")
    class Answers {

        private final List<String> leftOut = new ArrayList<>();

        @Test
        void linksToAPagingHostBecomeProxyPageLinksThatOpenForTheirUser() throws Exception {
            JsonNode links = copied("""
                {"resourceType":"Bundle","type":"searchset","link":[
                  {"relation":"self","url":"{plan}/Coverage?patient=1"},
                  {"relation":"next","url":"https://cdn.plan.example/pages/Coverage?cursor=abc%3D&patient=1"},
                  {"relation":"previous","url":"https://gw.plan.example/fhir/r4/Coverage?page=1"}],
                 "entry":[]}""").get("link");

            assertEquals(PROXY + "/Coverage?patient=1", links.get(0).get("url").asText());
            for (int i = 1; i <= 2; i++) {
                String url = links.get(i).get("url").asText();
                assertTrue(url.startsWith(PROXY + "?" + PageParameters.HOST_PAGE + "="), url);
            }
            assertEquals(CDN + "/pages/Coverage?cursor=abc%3D&patient=1",
                dana.verified(followed(links.get(1).get("url").asText())).planUrl(PLAN));
            assertEquals(List.of(), leftOut);
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://evil.example/r4/Coverage?patient=sherie&page=2",
            "https://cdn.plan.example.evil.example/pages", "https://cdn.plan.example@evil.example/pages",
            "http://cdn.plan.example/pages", "//evil.example/pages", "javascript:alert(1)",
            "https://cdn.plan.example/pages/../../admin", "https://gw.plan.example/fhir/r4/..%2Fadmin",
            "https://gw.plan.example/fhir/admin"})
        void aLinkAnywhereElseIsLeftOutAndItsHostReportedWithoutItsQuery(String elsewhere) throws Exception {
            JsonNode bundle = copied("""
                {"resourceType":"Bundle","type":"searchset","link":[
                  {"relation":"self","url":"{plan}/Coverage"},{"relation":"next","url":"%s"}],"entry":[]}"""
                .formatted(elsewhere));

            assertEquals(1, bundle.get("link").size(), bundle.toString());
            assertEquals("self", bundle.get("link").get(0).get("relation").asText());
            assertFalse(bundle.toString().contains("evil"), bundle.toString());
            assertEquals(1, leftOut.size());
            assertFalse(leftOut.get(0).contains("sherie") || leftOut.get(0).contains("page"), leftOut.get(0));
        }

        @Test
        void theAdminHearsOfEachForeignLinkAndNoneIsLeftWithoutLinks() throws Exception {
            JsonNode bundle = copied("""
                {"resourceType":"Bundle","type":"searchset","link":[
                  {"relation":"next","url":"https://evil.example/a?x=1"},\
                  {"relation":"last","url":"https://evil.example/b"}],
                 "entry":[]}""");

            assertFalse(bundle.has("link"), "no empty link array: " + bundle);
            assertEquals(List.of("https://evil.example", "https://evil.example"), leftOut,
                "the proxy dedupes per answer when it logs");
        }

        @Test
        void aLinkFromTheServersRootIsLeftOut() throws Exception {
            JsonNode bundle = copied("""
                {"resourceType":"Bundle","type":"searchset","link":[
                  {"relation":"next","url":"/realms/master/protocol/openid-connect/logout"},
                  {"relation":"self","url":"Coverage?x=1"}],"entry":[]}""");

            assertEquals("[{\"relation\":\"self\",\"url\":\"Coverage?x=1\"}]", bundle.get("link").toString(),
                "an app would follow it with its Keycloak token to any path of this server");
        }

        @Test
        void linksBeforeTheResourceTypeAreJudgedTheSame() throws Exception {
            JsonNode bundle = copied("""
                {"link":[{"relation":"next","url":"https://evil.example/a"},{"relation":"self","url":"Coverage?x=1"}],
                 "resourceType":"Bundle","type":"searchset","entry":[]}""");

            assertEquals("[{\"relation\":\"self\",\"url\":\"Coverage?x=1\"}]", bundle.get("link").toString(),
                "relative links resolve against the proxy's base and stay");
        }

        @Test
        void aPatientsLinkIsNotABundleLink() throws Exception {
            JsonNode patient = copied("""
                {"link":[{"other":{"reference":"{plan}/Patient/2"},"type":"seealso"}],\
                "resourceType":"Patient","id":"1"}""");

            assertEquals(PROXY + "/Patient/2", patient.get("link").get(0).get("other").get("reference").asText());
            assertEquals(List.of(), leftOut);
        }

        private JsonNode copied(String answer) throws IOException {
            FhirJsonRewriter rewriter = new FhirJsonRewriter(PLAN, PROXY, AnswerFilter.byTypeOnly(t -> true),
                new BundlePaging(UnaryOperator.identity(), dana.signer("Coverage"), leftOut::add, PagingMode.NEXT_LINKS,
                    Optional.empty()), 100_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonParser in = JSON.createParser(answer.replace("{plan}", PLAN));
                 JsonGenerator generator = JSON.createGenerator(out)) {
                rewriter.copy(in, generator);
            }
            return MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        }
    }

    /** The request the app's GET of {@code link} becomes, as the proxy parses it. */
    private static FhirRequest followed(String link) throws FhirProblemException {
        return parsed(link);
    }

    private static FhirRequest parsed(String link) throws FhirProblemException {
        URI uri = URI.create(link);
        String path = uri.getRawPath().substring(URI.create(PROXY).getRawPath().length());
        return PARSER.parse(path.startsWith("/") ? path.substring(1) : path, Optional.ofNullable(uri.getRawQuery()),
            Optional.empty());
    }

    private static String grant(String link) {
        return link.substring(link.indexOf('=') + 1);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertForbidden(Executable call) {
        FhirProblemException refused = assertThrows(FhirProblemException.class, call);
        assertEquals(403, refused.problem().status());
    }
}
