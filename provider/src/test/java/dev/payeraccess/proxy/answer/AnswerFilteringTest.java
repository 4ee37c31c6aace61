package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.proxy.paging.BundlePaging;
import dev.payeraccess.proxy.policy.AccessDecision;
import dev.payeraccess.proxy.policy.AccessPolicy;
import dev.payeraccess.proxy.policy.AnswerFilter;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        public boolean mayReturn(String type, String id, Map<String, Set<String>> references) {
            return type.equals("Patient") ? id.equals("sherie")
                : references.getOrDefault("beneficiary", Set.of()).equals(Set.of("Patient/sherie"));
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
        void aHouseholdsEntriesAreLeftOutAndOnlyTheMembersOwnPass() throws IOException {
            String answer = bundle(
                "{\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"c1\","
                    + "\"subscriber\":{\"reference\":\"Patient/sherie\"},"
                    + "\"beneficiary\":{\"reference\":\"Patient/sherie\"},"
                    + "\"payor\":[{\"reference\":\"Organization/o1\"}]}}",
                "{\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"c2\","
                    + "\"subscriber\":{\"reference\":\"Patient/sherie\"},"
                    + "\"policyHolder\":{\"reference\":\"Patient/sherie\"},"
                    + "\"beneficiary\":{\"reference\":\"Patient/child\"}}}",
                "{\"resource\":{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"e1\","
                    + "\"patient\":{\"reference\":\"Patient/sherie\"}}}",
                "{\"resource\":{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"e2\","
                    + "\"patient\":{\"reference\":\"Patient/child\"},"
                    + "\"payee\":{\"party\":{\"reference\":\"Patient/sherie\"}},"
                    + "\"insurance\":[{\"coverage\":{\"reference\":\"Coverage/c2\"}}]}}",
                "{\"search\":{\"mode\":\"include\"},\"resource\":{\"resourceType\":\"Patient\",\"id\":\"child\","
                    + "\"link\":[{\"other\":{\"reference\":\"Patient/sherie\"}}]}}",
                "{\"search\":{\"mode\":\"include\"},\"resource\":{\"resourceType\":\"Patient\",\"id\":\"sherie\"}}",
                "{\"resource\":{\"resourceType\":\"Organization\",\"id\":\"o1\"}}");

            JsonNode entries = MAPPER.readTree(copied(rewriter(linkedAsSherie(), 1_000_000), answer)).get("entry");

            assertEquals(List.of("Coverage/c1", "ExplanationOfBenefit/e1", "Patient/sherie", "Organization/o1"),
                ids(entries));
        }

        @Test
        void aSubjectElementCountsOnlyItsOwnReferenceNotOneNestedInside() throws IOException {
            String answer = bundle(
                "{\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"c2\",\"beneficiary\":{"
                    + "\"reference\":\"Patient/child\","
                    + "\"identifier\":{\"assigner\":{\"reference\":\"Patient/sherie\"}}}}}",
                "{\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"c3\",\"beneficiary\":{"
                    + "\"identifier\":{\"assigner\":{\"reference\":\"Patient/sherie\"}}}}}",
                "{\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"c4\","
                    + "\"extension\":[{\"beneficiary\":{\"reference\":\"Patient/sherie\"}}]}}");

            JsonNode entries = MAPPER.readTree(copied(rewriter(linkedAsSherie(), 1_000_000), answer)).get("entry");

            assertEquals(List.of(), ids(entries));
        }

        @Test
        void aSubjectBeforeTheResourceTypeStillDecides() throws IOException {
            String answer = bundle(
                "{\"resource\":{\"patient\":{\"reference\":\"Patient/child\"},\"id\":\"e2\","
                    + "\"resourceType\":\"ExplanationOfBenefit\"}}",
                "{\"resource\":{\"patient\":{\"reference\":\"Patient/sherie\"},\"id\":\"e1\","
                    + "\"resourceType\":\"ExplanationOfBenefit\"}}");

            JsonNode entries = MAPPER.readTree(copied(rewriter(linkedAsSherie(), 1_000_000), answer)).get("entry");

            assertEquals(List.of("ExplanationOfBenefit/e1"), ids(entries));
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

    /** The policy's own filter for a patient/*.read app linked as Patient/sherie. */
    private static AnswerFilter linkedAsSherie() throws IOException {
        FhirRequest search = new FhirRequest(Interaction.SEARCH, Optional.of("Coverage"), Optional.empty(),
            Optional.empty(), List.of());
        AccessDecision decision = AccessPolicy.of("patient/*.read", "patient/*.read", List.of("Patient", "Coverage",
            "ExplanationOfBenefit", "Organization"), new HapiSearchParameters(R4.context()), "sherie").decide(search);
        return ((AccessDecision.Allowed) decision).answer();
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
