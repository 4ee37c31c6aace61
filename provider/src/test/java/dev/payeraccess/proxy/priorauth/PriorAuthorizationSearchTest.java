package dev.payeraccess.proxy.priorauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.plan.PlanCapabilities.SearchParam;
import dev.payeraccess.plan.PlanCapabilities.TypeCapabilities;
import dev.payeraccess.proxy.answer.FhirJsonRewriter;
import dev.payeraccess.proxy.paging.BundlePaging;
import dev.payeraccess.proxy.policy.AccessDecision;
import dev.payeraccess.proxy.policy.AccessPolicy;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.FhirRequestParser;
import dev.payeraccess.proxy.request.SearchParameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prior authorizations asked as {@code ExplanationOfBenefit?use=preauthorization}: what the plan is asked (by profile
 * where it declares the PDex profile, else without {@code use}), and what of its streamed answer reaches the app.
 */
class PriorAuthorizationSearchTest {

    private static final String PLAN = "https://api.plan.example/r4";
    private static final String PROXY = "https://kc.example/realms/r/payer-access/fhir/test";
    private static final String PROFILE = PriorAuthorizationSearch.PROFILE;
    private static final FhirRequestParser PARSER = new FhirRequestParser(R4.context().getResourceTypes(), PROXY,
        PLAN);
    private static final Optional<PlanCapabilities> DECLARING = Optional.of(new PlanCapabilities("4.0.1", Map.of(
        "ExplanationOfBenefit", new TypeCapabilities(List.of(new SearchParam("patient", "reference"),
            new SearchParam("_profile", "uri")), List.of(), List.of(), List.of(), List.of(PROFILE + "|2.1.0")))));
    private static final Optional<PlanCapabilities> SILENT = Optional.of(new PlanCapabilities("4.0.1", Map.of(
        "ExplanationOfBenefit", new TypeCapabilities(List.of(new SearchParam("patient", "reference"),
            new SearchParam("_profile", "uri")), List.of(), List.of()))));

    private static AccessDecision.Allowed allowed(String scope, String request) throws FhirProblemException {
        int q = request.indexOf('?');
        FhirRequest parsed = PARSER.parse(q < 0 ? request : request.substring(0, q),
            q < 0 ? Optional.empty() : Optional.of(request.substring(q + 1)), Optional.empty());
        return (AccessDecision.Allowed) AccessPolicy.of(scope, "", List.of("ExplanationOfBenefit", "Patient"),
            new HapiSearchParameters(R4.context()), "sherie").decide(parsed);
    }

    private static String atPlan(Optional<PlanCapabilities> plan, String request) throws FhirProblemException {
        return PriorAuthorizationSearch.at(plan).applied(allowed("user/*.rs", request)).forwarded().planUrl("")
            .replace("http%3A%2F%2Fhl7.org%2Ffhir%2Fus%2Fdavinci-pdex%2FStructureDefinition%2F", "pdex:");
    }

    @Test
    void theMechanismFollowsWhatThePlanDeclares() {
        assertEquals(PriorAuthorizationSearch.Mechanism.PROFILE, PriorAuthorizationSearch.at(DECLARING).mechanism());
        assertEquals(PriorAuthorizationSearch.Mechanism.FILTER, PriorAuthorizationSearch.at(SILENT).mechanism(),
            "_profile alone does not say the plan marks its prior authorizations");
        assertEquals(PriorAuthorizationSearch.Mechanism.FILTER,
            PriorAuthorizationSearch.at(Optional.empty()).mechanism(), "until the plan's statement was read");
        PlanCapabilities profileOnly = new PlanCapabilities("4.0.1", Map.of("ExplanationOfBenefit",
            new TypeCapabilities(List.of(), List.of(), List.of(), List.of(), List.of(PROFILE))));
        assertEquals(PriorAuthorizationSearch.Mechanism.FILTER,
            PriorAuthorizationSearch.at(Optional.of(profileOnly)).mechanism(), "a profile it cannot be searched by");
    }

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "profile; ExplanationOfBenefit?use=preauthorization; "
            + "/ExplanationOfBenefit?_profile=pdex:pdex-priorauthorization",
        "filter; ExplanationOfBenefit?use=preauthorization; /ExplanationOfBenefit",
        "profile; ExplanationOfBenefit?use=preauthorization&service-date=ge2026; "
            + "/ExplanationOfBenefit?service-date=ge2026&_profile=pdex:pdex-priorauthorization",
        // the profile asked directly: forwarded where declared, filtered on use where not
        "profile; ExplanationOfBenefit?_profile=" + PriorAuthorizationSearch.PROFILE
            + "; /ExplanationOfBenefit?_profile=pdex:pdex-priorauthorization",
        "filter; ExplanationOfBenefit?_profile=" + PriorAuthorizationSearch.PROFILE + "; /ExplanationOfBenefit",
        // claims only: no profile says that; filtered at either plan
        "profile; ExplanationOfBenefit?use=claim; /ExplanationOfBenefit",
        "profile; ExplanationOfBenefit?use=claim,preauthorization; /ExplanationOfBenefit",
        // not a prior-authorization search: as asked
        "filter; ExplanationOfBenefit?type=pharmacy; /ExplanationOfBenefit?type=pharmacy",
        "filter; Patient?use=official; /Patient?use=official",
    })
    void thePlanIsAskedWhatItCanAnswer(String mechanism, String request, String expected)
        throws FhirProblemException {
        assertEquals(expected, atPlan(mechanism.equals("profile") ? DECLARING : SILENT, request));
    }

    @Test
    void aReadOrASearchWithoutUseKeepsThePolicysDecision() throws FhirProblemException {
        AccessDecision.Allowed read = allowed("user/*.rs", "ExplanationOfBenefit/e1");
        assertSame(read, PriorAuthorizationSearch.at(SILENT).applied(read));
        AccessDecision.Allowed search = allowed("user/*.rs", "ExplanationOfBenefit?type=pharmacy");
        assertSame(search, PriorAuthorizationSearch.at(SILENT).applied(search));
    }

    /** The plan answers every claim (it ignores or does not know the question): only prior authorizations pass. */
    @Test
    void theStreamedAnswerKeepsOnlyTheAskedUseAndLeavesOutThePlansTotal() throws Exception {
        AccessDecision.Allowed allowed = PriorAuthorizationSearch.at(SILENT)
            .applied(allowed("patient/*.rs", "ExplanationOfBenefit?use=preauthorization"));

        JsonNode copied = copied(allowed, bundleOf(
            eob("c1", "claim", "sherie"), eob("pa1", "preauthorization", "sherie"),
            eob("pa2", "preauthorization", "dependent"), eob("x1", null, "sherie"),
            eob("pa3", "preauthorization", "sherie")));

        assertEquals(List.of("pa1", "pa3"), ids(copied), "a claim, a dependent's and one without use are left out");
        assertFalse(copied.has("total"), "the plan's total counted every claim");
        assertTrue(allowed.answerDecides(), "asked without conditional headers: the proxy looks at the answer");
    }

    @Test
    void atADeclaringPlanTheAnswerIsStillHeldToTheUseAndKeepsItsTotal() throws Exception {
        AccessDecision.Allowed allowed = PriorAuthorizationSearch.at(DECLARING)
            .applied(allowed("user/*.rs", "ExplanationOfBenefit?use=preauthorization"));

        JsonNode copied = copied(allowed, bundleOf(eob("pa1", "preauthorization", "sherie"),
            eob("c1", "claim", "sherie")));

        assertEquals(List.of("pa1"), ids(copied), "a plan that ignores _profile answers every claim");
        assertEquals(5, copied.get("total").asInt());
    }

    @Test
    void theProxysPageLinksCarryTheUseOn() throws FhirProblemException {
        FhirRequest asked = PARSER.parse("ExplanationOfBenefit", Optional.of("use=preauthorization"),
            Optional.empty());
        BundlePaging paging = PriorAuthorizationSearch.keptOnPages(asked, BundlePaging.onPlanBaseOnly(
            url -> url + "&payer-access-page=ExplanationOfBenefit.1.mac"));

        assertEquals(PROXY + "?_getpages=p1&payer-access-page=ExplanationOfBenefit.1.mac&use=preauthorization",
            paging.pageLinks().apply(PROXY + "?_getpages=p1"));
        assertEquals(PROXY + "/ExplanationOfBenefit?patient=Patient%2Fsherie&_offset=10&use=preauthorization",
            paging.searchLinks().apply(PROXY + "/ExplanationOfBenefit?patient=Patient%2Fsherie&_offset=10"),
            "a plan's own next link repeats its search, which no longer names use");
        assertEquals(PROXY + "/ExplanationOfBenefit?use=preauthorization&_offset=10",
            paging.searchLinks().apply(PROXY + "/ExplanationOfBenefit?use=preauthorization&_offset=10"));
        FhirRequest claims = PARSER.parse("ExplanationOfBenefit", Optional.empty(), Optional.empty());
        BundlePaging untouched = BundlePaging.onPlanBaseOnly(url -> url);
        assertSame(untouched, PriorAuthorizationSearch.keptOnPages(claims, untouched));
    }

    @Test
    void aFollowedPageIsHeldToTheUseItCarries() throws Exception {
        FhirRequest parsed = PARSER.parse("", Optional.of("_getpages=p1&use=preauthorization"), Optional.empty());
        FhirRequest page = parsed.pageOf("ExplanationOfBenefit", List.of(new SearchParameter("_getpages", "p1"),
            new SearchParameter("use", "preauthorization")));
        AccessDecision.Allowed allowed = (AccessDecision.Allowed) AccessPolicy.of("user/*.rs", "",
            List.of("ExplanationOfBenefit"), new HapiSearchParameters(R4.context()), "sherie").decide(page);

        AccessDecision.Allowed applied = PriorAuthorizationSearch.at(SILENT).applied(allowed);

        assertEquals(PLAN + "?_getpages=p1", applied.forwarded().planUrl(PLAN), "use is the proxy's, not the plan's");
        assertEquals(List.of("pa1"), ids(copied(applied, bundleOf(eob("c1", "claim", "sherie"),
            eob("pa1", "preauthorization", "sherie")))));
    }

    @Test
    void theCapabilityStatementSaysWhichMechanism() {
        CapabilityStatement statement = new CapabilityStatement();
        statement.addRest().addResource().setType("ExplanationOfBenefit");
        PriorAuthorizationCapability.declare(statement, PriorAuthorizationSearch.Mechanism.FILTER);

        var eob = statement.getRestFirstRep().getResourceFirstRep();
        assertEquals(PROFILE, eob.getSupportedProfile().get(0).getValue());
        assertEquals("use", eob.getSearchParamFirstRep().getName());
        assertTrue(eob.getSearchParamFirstRep().getDocumentation().contains("Mechanism: filter"));
        assertTrue(PriorAuthorizationCapability.documentation(PriorAuthorizationSearch.Mechanism.PROFILE)
            .contains("Mechanism: profile"));
    }

    private static String bundleOf(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":5,\"entry\":["
            + String.join(",", entries) + "]}";
    }

    private static String eob(String id, String use, String patient) {
        return """
            {"fullUrl":"%1$s/ExplanationOfBenefit/%2$s","resource":{"resourceType":"ExplanationOfBenefit","id":"%2$s",
             "meta":{"profile":["%4$s"]},"status":"active",%3$s"patient":{"reference":"Patient/%5$s"},
             "type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"professional"}]}},
             "search":{"mode":"match"}}"""
            .formatted(PLAN, id, use == null ? "" : "\"use\":\"" + use + "\",", PROFILE, patient);
    }

    private static JsonNode copied(AccessDecision.Allowed allowed, String answer) throws IOException {
        FhirJsonRewriter rewriter = new FhirJsonRewriter(PLAN, PROXY, allowed.answer(),
            BundlePaging.onPlanBaseOnly(url -> url), FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS);
        JsonFactory json = new JsonFactory();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser in = json.createParser(answer); JsonGenerator generator = json.createGenerator(out)) {
            rewriter.copy(in, generator);
        }
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> ids(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        bundle.path("entry").forEach(e -> ids.add(e.get("resource").get("id").asText()));
        return ids;
    }
}
