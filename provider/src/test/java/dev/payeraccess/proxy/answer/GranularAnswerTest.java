package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.proxy.paging.BundlePaging;
import dev.payeraccess.proxy.policy.AccessDecision;
import dev.payeraccess.proxy.policy.AccessPolicy;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A searchset streamed to an app holding a SMART granular scope: only the resources whose coded element meets the
 * scope's query reach it, read from the element's own codings, wherever the plan put them.
 */
class GranularAnswerTest extends RewrittenAnswers {

    private static final String OBS = "http://terminology.hl7.org/CodeSystem/observation-category";

    @Test
    void onlyResourcesMeetingTheScopesQueryPass() throws IOException {
        AccessDecision.Allowed allowed = (AccessDecision.Allowed) AccessPolicy.of(
            "user/Observation.rs?category=" + OBS + "|laboratory", "", List.of("Observation"),
            new HapiSearchParameters(R4.context()), "sherie")
            .decide(new FhirRequest(Interaction.SEARCH, Optional.of("Observation"), Optional.empty(),
                Optional.empty(), List.of()));
        FhirJsonRewriter filtering = new FhirJsonRewriter(PLAN, PROXY, allowed.answer(),
            BundlePaging.onPlanBaseOnly(url -> url), FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS);

        String answer = bundle(
            observation("lab", "\"category\":[{\"coding\":[{\"system\":\"" + OBS + "\",\"code\":\"laboratory\"}]}]"),
            observation("vitals", "\"category\":[{\"coding\":[{\"system\":\"" + OBS
                + "\",\"code\":\"vital-signs\"}]}]"),
            observation("both", "\"category\":[{\"coding\":[{\"system\":\"" + OBS + "\",\"code\":\"vital-signs\"}]},"
                + "{\"coding\":[{\"code\":\"x\"},{\"system\":\"" + OBS + "\",\"code\":\"laboratory\"}]}]"),
            observation("decoy", "\"category\":[{\"extension\":[{\"url\":\"http://example.org/x\",\"valueCoding\":"
                + "{\"system\":\"" + OBS + "\",\"code\":\"laboratory\"}}],\"text\":\"Other\"}]"),
            observation("other-system", "\"category\":[{\"coding\":[{\"system\":\"http://example.org\","
                + "\"code\":\"laboratory\"}]}]"),
            observation("none", "\"status\":\"final\""));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser in = JSON.createParser(utf8(answer)); JsonGenerator generator = JSON.createGenerator(out)) {
            filtering.copy(in, generator);
        }

        assertEquals(List.of("Observation/lab", "Observation/both"),
            ids(tree(out.toString(StandardCharsets.UTF_8)).get("entry")));
        assertEquals(4, filtering.removedEntries());
    }

    /**
     * A {@code patient/} read and a {@code user/} search held to a query: a dependent's resource passes only when it
     * meets the query, the member's whatever its category. Neither grant widens the other.
     */
    @Test
    void aPatientGrantAndAUserQueryEachTakeOnlyWhatTheyGrant() throws IOException {
        AccessDecision.Allowed allowed = (AccessDecision.Allowed) AccessPolicy.of(
            "patient/Observation.r user/Observation.s?category=" + OBS + "|laboratory", "", List.of("Observation"),
            new HapiSearchParameters(R4.context()), "sherie")
            .decide(new FhirRequest(Interaction.SEARCH, Optional.of("Observation"), Optional.empty(),
                Optional.empty(), List.of()));
        FhirJsonRewriter filtering = new FhirJsonRewriter(PLAN, PROXY, allowed.answer(),
            BundlePaging.onPlanBaseOnly(url -> url), FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS);
        String lab = "\"category\":[{\"coding\":[{\"system\":\"" + OBS + "\",\"code\":\"laboratory\"}]}]";
        String vitals = "\"category\":[{\"coding\":[{\"system\":\"" + OBS + "\",\"code\":\"vital-signs\"}]}]";

        String answer = bundle(observation("member-vitals", vitals), observation("member-lab", lab),
            observation("dependent-lab", lab).replace("Patient/sherie", "Patient/child"),
            observation("dependent-vitals", vitals).replace("Patient/sherie", "Patient/child"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser in = JSON.createParser(utf8(answer)); JsonGenerator generator = JSON.createGenerator(out)) {
            filtering.copy(in, generator);
        }

        assertEquals(List.of("Observation/member-vitals", "Observation/member-lab", "Observation/dependent-lab"),
            ids(tree(out.toString(StandardCharsets.UTF_8)).get("entry")));
    }

    private static String observation(String id, String coded) {
        return "{\"fullUrl\":\"{plan}/Observation/" + id + "\",\"resource\":{\"resourceType\":\"Observation\","
            + "\"id\":\"" + id + "\"," + coded + ",\"subject\":{\"reference\":\"Patient/sherie\"}}}";
    }
}
