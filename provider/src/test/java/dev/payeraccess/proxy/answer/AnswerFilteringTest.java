package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.proxy.paging.BundlePaging;
import dev.payeraccess.proxy.policy.AnswerFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What of a plan's answer reaches the app beyond types: whom a resource is about, page grants, held size. */
class AnswerFilteringTest {

    private static final String PLAN = "http://127.0.0.1:8090/r4";
    private static final String PROXY = "http://localhost:8080/realms/r1/payer-access/fhir/test";
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * A patient/ caller linked as Patient/sherie: claims, coverage and demographics, inspected; directory data by type.
     */
    private static final AnswerFilter SHERIE_ONLY = new AnswerFilter() {
        @Override
        public Verdict byType(String type) {
            return type.equals("Organization") ? Verdict.RETURN : type.equals("Observation") ? Verdict.WITHHOLD
                : Verdict.INSPECT;
        }

        @Override
        public boolean mayReturn(String type, String id, Set<String> references) {
            return type.equals("Patient") ? id.equals("sherie") : references.contains("Patient/sherie");
        }
    };

    @Nested
    @DisplayName("Given a patient/ caller")
    class PatientCaller {

        @Test
        void entriesAboutAnotherPatientAreLeftOut() throws IOException {
            String answer = bundle(
                "{\"fullUrl\":\"{plan}/Coverage/c1\",\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"c1\","
                    + "\"beneficiary\":{\"reference\":\"Patient/sherie\"}}}",
                "{\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"c2\","
                    + "\"beneficiary\":{\"reference\":\"Patient/dependent\"}}}",
                "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"dependent\"}}",
                "{\"resource\":{\"id\":\"sherie\",\"resourceType\":\"Patient\"}}",
                "{\"resource\":{\"resourceType\":\"Organization\",\"id\":\"o1\"}}",
                "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"x\","
                    + "\"subject\":{\"reference\":\"Patient/sherie\"}}}");

            JsonNode entries = MAPPER.readTree(copied(rewriter(SHERIE_ONLY, 1_000_000), answer)).get("entry");

            assertEquals(List.of("Coverage/c1", "Patient/sherie", "Organization/o1"), ids(entries));
            assertEquals(PROXY + "/Coverage/c1", entries.get(0).get("fullUrl").asText(),
                "held entries are still rewritten");
        }

        @Test
        void anEntryLargerThanTheProxyHoldsIsAMalformedAnswer() {
            String big = "x".repeat(5_000);
            String answer = bundle("{\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"c1\",\"text\":{\"div\":\""
                + big
                + "\"},\"beneficiary\":{\"reference\":\"Patient/sherie\"}}}");

            assertThrows(MalformedAnswerException.class, () -> copied(rewriter(SHERIE_ONLY, 4_000), answer));
        }

        @Test
        void whatComesBeforeTheTypeIsHeldWithinTheSameBound() {
            String big = "x".repeat(5_000);
            String answer = bundle("{\"resource\":{\"text\":{\"div\":\"" + big
                + "\"},\"resourceType\":\"Organization\"}}");

            assertThrows(MalformedAnswerException.class, () -> copied(rewriter(SHERIE_ONLY, 4_000), answer));
        }
    }

    @Nested
    @DisplayName("Given page links in an answer")
    class Pages {

        @Test
        void pageLinksOnThePlansBaseGetTheCallersGrantAndOthersDoNot() throws IOException {
            UnaryOperator<String> grant = url -> url + "&grant=g";
            FhirJsonRewriter rewriter = new FhirJsonRewriter(PLAN, PROXY, AnswerFilter.byTypeOnly(t -> true),
                BundlePaging.onPlanBaseOnly(grant), 1_000_000);
            String answer = "{\"resourceType\":\"Bundle\","
                + "\"link\":[{\"relation\":\"next\",\"url\":\"{plan}?_getpages=abc\"},"
                + "{\"relation\":\"self\",\"url\":\"{plan}/ExplanationOfBenefit?patient=p\"}]}";

            JsonNode links = MAPPER.readTree(copied(rewriter, answer)).get("link");

            assertEquals(PROXY + "?_getpages=abc&grant=g", links.get(0).get("url").asText());
            assertEquals(PROXY + "/ExplanationOfBenefit?patient=p", links.get(1).get("url").asText());
        }
    }

    private static FhirJsonRewriter rewriter(AnswerFilter filter, int maxHeld) {
        return new FhirJsonRewriter(PLAN, PROXY, filter, BundlePaging.onPlanBaseOnly(UnaryOperator.identity()),
            maxHeld);
    }

    private static String copied(FhirJsonRewriter rewriter, String answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser in = JSON.createParser(answer.replace("{plan}",
            PLAN)); JsonGenerator generator = JSON.createGenerator(out)) {
            rewriter.copy(in, generator);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String bundle(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    private static List<String> ids(JsonNode entries) {
        List<String> ids = new ArrayList<>();
        entries.forEach(e -> ids.add(e.get("resource").get("resourceType").asText() + "/"
            + e.get("resource").get("id").asText()));
        return ids;
    }
}
