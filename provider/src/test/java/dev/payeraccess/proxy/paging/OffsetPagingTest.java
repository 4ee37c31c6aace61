package dev.payeraccess.proxy.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.proxy.answer.FhirJsonRewriter;
import dev.payeraccess.proxy.answer.MalformedAnswerException;
import dev.payeraccess.proxy.policy.AccessDecision;
import dev.payeraccess.proxy.policy.AccessPolicy;
import dev.payeraccess.proxy.policy.AnswerFilter;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.FhirRequestParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plans that page by an offset parameter and send no usable next link: the proxy writes a searchset's next link. */
class OffsetPagingTest {

    private static final String PLAN = "https://api.plan.example/r4";
    private static final String PROXY = "https://kc.example/realms/r1/payer-access/fhir/test";
    private static final FhirRequestParser PARSER = new FhirRequestParser(R4.context().getResourceTypes(), PROXY, PLAN);
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Nested
    @DisplayName("Given a search at a plan that pages by startIndex")
    class NextLinks {

        @ParameterizedTest(name = "[{index}] {0}: {1} matches of {2} -> {3}")
        @CsvSource(delimiter = ';', nullValues = "none", value = {
            "_count=10; 10; 25; " + PROXY + "/Coverage?_count=10&startIndex=10",
            "_count=10&startIndex=10; 10; 25; " + PROXY + "/Coverage?_count=10&startIndex=20",
            "startIndex=20&_count=10; 5; 25; none",
            "_count=10&startIndex=10; 10; 20; none",
            "_count=10; 10; none; " + PROXY + "/Coverage?_count=10&startIndex=10",
            "_count=10&startIndex=30; 0; none; none",
            "_count=10&startIndex=x; 10; 25; none",
            "'' ; 3; 9; " + PROXY + "/Coverage?startIndex=3",
        })
        void nextFollowsTheMatchesUntilTheTotal(String query, int matches, Long total, String expected)
            throws FhirProblemException {
            OffsetPaging paging = OffsetPaging.of(PROXY, PLAN, search("Coverage", query), "startIndex");

            assertEquals(Optional.ofNullable(expected), paging.next(matches,
                total == null ? OptionalLong.empty() : OptionalLong.of(total)));
        }

        @Test
        void theAppsParametersComeBackOnTheProxysBaseAndStillEncoded() throws FhirProblemException {
            OffsetPaging paging = OffsetPaging.of(PROXY, PLAN,
                search("ExplanationOfBenefit", "patient=" + PROXY + "/Patient/sherie&type=a%26b&startIndex=4"),
                    "startIndex");

            assertEquals(Optional.of(PROXY + "/ExplanationOfBenefit?patient=" + enc(PROXY + "/Patient/sherie")
                + "&type=a%26b&startIndex=6"), paging.next(2, OptionalLong.empty()));
        }

        @Test
        void theAccessPolicyTakesTheOffsetParameterAsPagingWhateverItsName() throws FhirProblemException {
            FhirRequest dotted = search("ExplanationOfBenefit", "page.offset=10");
            AccessPolicy policy = AccessPolicy.of("patient/*.read", "patient/*.read", List.of("ExplanationOfBenefit"),
                new HapiSearchParameters(R4.context()), "sherie");

            assertInstanceOf(AccessDecision.Refused.class, policy.decide(dotted), "a chain on an unknown reference");
            AccessDecision.Allowed allowed = assertInstanceOf(AccessDecision.Allowed.class,
                policy.pagingBy("page.offset").decide(dotted));
            assertEquals(PLAN + "/ExplanationOfBenefit?page.offset=10&patient=Patient%2Fsherie",
                allowed.forwarded().planUrl(PLAN),
                "still pinned to the linked patient");
        }
    }

    @Nested
    @DisplayName("Given the plan's answer to such a search")
    class Answers {

        private final OffsetPaging paging;

        Answers() throws FhirProblemException {
            paging = OffsetPaging.of(PROXY, PLAN, search("Coverage", "_count=2&startIndex=2"), "startIndex");
        }

        @Test
        void theProxysNextLinkFollowsTheEntriesAndThePlansOwnIsLeftOut() throws IOException {
            String answer = """
                {"resourceType":"Bundle","type":"searchset","total":9,"link":[
                  {"relation":"self","url":"{plan}/Coverage?_count=2&startIndex=2"},
                  {"relation":"next","url":"https://cdn.plan.example/unusable?page=2"}],
                 "entry":[%s,%s,%s]}""".formatted(entry("c1", "match"), entry("o1", "include"), entry("c2", null));

            String copied = copied(answer, OFFSET);
            JsonNode bundle = MAPPER.readTree(copied);

            assertTrue(copied.indexOf("\"link\"") > copied.indexOf("\"entry\""), "links are written after the entries");
            assertEquals(2, bundle.get("link").size(), bundle.toString());
            assertEquals(PROXY + "/Coverage?_count=2&startIndex=2", bundle.get("link").get(0).get("url").asText());
            assertEquals("next", bundle.get("link").get(1).get("relation").asText());
            assertEquals(PROXY + "/Coverage?_count=2&startIndex=4", bundle.get("link").get(1).get("url").asText(),
                "the included entry is not counted");
            assertEquals(3, bundle.get("entry").size());
        }

        @Test
        void withheldEntriesStillCountAsThePlanCountedThem() throws IOException {
            String answer = """
                {"resourceType":"Bundle","type":"searchset","entry":[%s,%s]}""".formatted(
                    "{\"search\":{\"mode\":\"match\"},\"resource\":{\"resourceType\":\"Observation\",\"id\":\"x\"}}",
                    "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"y\"},\"search\":{\"mode\":\"match\"}}");

            JsonNode bundle = MAPPER.readTree(copied(answer, OFFSET, t -> !t.equals("Observation")));

            assertEquals(0, bundle.get("entry").size());
            assertEquals(PROXY + "/Coverage?_count=2&startIndex=4", bundle.get("link").get(0).get("url").asText());
        }

        @Test
        void noNextAfterTheLastPageAnEmptyPageOrForAnythingButASearchset() throws IOException {
            assertFalse(MAPPER.readTree(copied("""
                {"resourceType":"Bundle","type":"searchset","total":4,"entry":[%s,%s]}"""
                .formatted(entry("c3", "match"), entry("c4", "match")), OFFSET)).has("link"));
            assertFalse(MAPPER.readTree(copied("""
                {"resourceType":"Bundle","type":"searchset","total":4}""", OFFSET)).has("link"));
            assertFalse(MAPPER.readTree(copied("""
                {"resourceType":"Bundle","type":"collection","entry":[%s]}""".formatted(entry("c3", null)), OFFSET))
                .has("link"));
            assertFalse(MAPPER.readTree(copied("""
                {"resourceType":"OperationOutcome","issue":[]}""", OFFSET)).has("link"));
        }

        @Test
        void aTotalAfterTheEntriesIsStillHonoured() throws IOException {
            JsonNode bundle = MAPPER.readTree(copied("""
                {"resourceType":"Bundle","entry":[%s,%s],"type":"searchset","total":4}"""
                .formatted(entry("c3", "match"), entry("c4", "match")), OFFSET));

            assertFalse(bundle.has("link"), bundle.toString());
        }

        @Test
        void withNextLinksTheNextLinkIsThePlans() throws IOException {
            JsonNode bundle = MAPPER.readTree(copied("""
                {"resourceType":"Bundle","type":"searchset","link":[{"relation":"next","url":"{plan}/Coverage?page=2"}],
                 "entry":[%s]}""".formatted(entry("c1", null)), PagingMode.NEXT_LINKS));

            assertEquals("[{\"relation\":\"next\",\"url\":\"" + PROXY + "/Coverage?page=2\"}]",
                bundle.get("link").toString());
        }

        @Test
        void theHeldLinksStayWithinTheRewritersBound() {
            String manyLinks = "{\"relation\":\"alternate\",\"url\":\"{plan}/Coverage?x=" + "y".repeat(200) + "\"},";
            String answer = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":["
                + manyLinks.repeat(40) + "{\"relation\":\"self\",\"url\":\"{plan}\"}],\"entry\":[]}";

            assertThrows(MalformedAnswerException.class, () -> copied(answer, OFFSET));
        }

        private static final PagingMode OFFSET = PagingMode.OFFSET;

        private String copied(String answer, PagingMode mode) throws IOException {
            return copied(answer, mode, t -> true);
        }

        private String copied(String answer, PagingMode mode, java.util.function.Predicate<String> readable)
            throws IOException {
            FhirJsonRewriter rewriter = new FhirJsonRewriter(PLAN, PROXY, AnswerFilter.byTypeOnly(readable),
                new BundlePaging(UnaryOperator.identity(), url -> Optional.empty(), host -> { }, mode,
                    mode == PagingMode.OFFSET ? Optional.of(paging) : Optional.empty()), 8_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonParser in = JSON.createParser(answer.replace("{plan}", PLAN));
                 JsonGenerator generator = JSON.createGenerator(out)) {
                rewriter.copy(in, generator);
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        private static String entry(String id, String mode) {
            return "{\"fullUrl\":\"{plan}/Coverage/" + id + "\",\"resource\":{\"resourceType\":\"Coverage\",\"id\":\""
                + id + "\"}" + (mode == null ? "" : ",\"search\":{\"mode\":\"" + mode + "\"}") + "}";
        }
    }

    private static FhirRequest search(String type, String query) throws FhirProblemException {
        return PARSER.parse(type, Optional.of(query), Optional.empty());
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
