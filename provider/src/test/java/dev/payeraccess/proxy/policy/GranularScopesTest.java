package dev.payeraccess.proxy.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.proxy.request.FhirRequestParser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SMART 2.0 granular scopes as a table: the app token's scopes × the request → what the proxy does before the plan
 * is called (the search forwarded as asked, narrowed to the scope's query, or refused with 403), and which resources
 * of an answer pass.
 */
class GranularScopesTest {

    private static final String PLAN = "https://api.plan.example/r4";
    private static final String PATIENT = "sherie";
    private static final List<String> ALLOWED = List.of("Patient", "Coverage", "ExplanationOfBenefit", "Observation",
        "Condition", "Organization");
    private static final FhirRequestParser PARSER = new FhirRequestParser(R4.context().getResourceTypes(),
        "https://kc.example/realms/r/payer-access/fhir/test", PLAN);
    private static final String LAB = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    private static final String VITALS = "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
    private static final String PHARMACY = "http://terminology.hl7.org/CodeSystem/claim-type|pharmacy";

    private static AccessDecision decide(String callerScope, String request) throws FhirProblemException {
        int q = request.indexOf('?');
        String path = q < 0 ? request : request.substring(0, q);
        Optional<String> query = q < 0 ? Optional.empty() : Optional.of(request.substring(q + 1));
        return AccessPolicy.of(callerScope, "patient/*.read", ALLOWED, new HapiSearchParameters(R4.context()), PATIENT)
            .decide(PARSER.parse(path, query, Optional.empty()));
    }

    /** The plan URL forwarded (as asked, or narrowed), or the status refusing it. */
    private static String outcome(String scopes, String request) throws FhirProblemException {
        AccessDecision decision = decide(expand(scopes), expand(request));
        if (decision instanceof AccessDecision.Refused refused) {
            return Integer.toString(refused.problem().status());
        }
        return ((AccessDecision.Allowed) decision).forwarded().planUrl("")
            .replace("http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7C", "obs|")
            .replace("http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fclaim-type%7C", "claim|")
            .replace("patient=Patient%2Fsherie", "patient=me").replace("subject=Patient%2Fsherie", "patient=me");
    }

    @ParameterizedTest(name = "[{index}] {0} : {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        // inside the scope's query: forwarded as asked (and pinned to the member, as any patient/ search)
        "$O.rs?category=LAB; Observation?category=LAB; /Observation?category=obs|laboratory&patient=me",
        // naming none of the query's parameters: narrowed to the query
        "$O.rs?category=LAB; Observation?code=1234-5; /Observation?code=1234-5&category=obs|laboratory&patient=me",
        "$O.rs?category=LAB; Observation; /Observation?category=obs|laboratory&patient=me",
        // two granular scopes on one parameter: narrowed to either, and either (or both) may be asked
        "$O.rs?category=LAB $O.rs?category=VITALS; Observation; "
            + "/Observation?category=obs|laboratory%2Cobs|vital-signs&patient=me",
        "$O.rs?category=LAB $O.rs?category=VITALS; Observation?category=VITALS; "
            + "/Observation?category=obs|vital-signs&patient=me",
        "$O.rs?category=LAB $O.rs?category=VITALS; Observation?category=LAB,VITALS; "
            + "/Observation?category=obs|laboratory%2Cobs|vital-signs&patient=me",
        // outside the query: refused, not silently narrowed
        "$O.rs?category=LAB; Observation?category=VITALS; 403",
        "$O.rs?category=LAB; Observation?category=laboratory; 403",
        "$O.rs?category=LAB; Observation?category=LAB,VITALS; 403",
        "$O.rs?category=LAB; Observation?category:not=LAB; 403",
        // a read of one resource is allowed (its answer decides, below); r and s still count apart
        "$O.rs?category=LAB; Observation/o1; /Observation/o1",
        "$O.s?category=LAB; Observation/o1; 403",
        "$O.r?category=LAB; Observation?category=LAB; 403",
        // a scope without query wins over a granular one of the same type
        "$O.rs $O.rs?category=LAB; Observation?category=VITALS; /Observation?category=obs|vital-signs&patient=me",
        // user/ granular: not pinned, still held to the query
        "user/Observation.rs?category=LAB; Observation; /Observation?category=obs|laboratory",
        // CARIN claim type
        "$E.rs?type=PHARMACY; ExplanationOfBenefit; /ExplanationOfBenefit?type=claim|pharmacy&patient=me",
        "$E.rs?type=PHARMACY; ExplanationOfBenefit?type=http://terminology.hl7.org/CodeSystem/claim-type|oral; 403",
        // any coded element can be held to (code too); queries on others grant nothing, nor on a wildcard or v1
        "$O.rs?code=http://loinc.org|1234-5; Observation; /Observation?code=http%3A%2F%2Floinc.org%7C1234-5&patient=me",
        "$O.rs?date=ge2024-01-01; Observation; 403",
        "patient/*.rs?category=LAB; Observation; 403",
        "$O.read?category=LAB; Observation; 403",
        // a chain or _has into a type granted under a query cannot be held to it; an _include can (it is filtered)
        "$O.rs?category=LAB patient/Patient.rs; Patient?_has:Observation:subject:code=x; 403",
        "$O.rs?category=LAB patient/Patient.rs; Patient?_revinclude=Observation:subject; "
            + "/Patient?_revinclude=Observation%3Asubject&_id=sherie",
        // queries of several conditions: one is narrowed to; two cannot be asked in one search
        "$O.rs?category=LAB&status=final $O.rs?category=VITALS; Observation; 403",
        "$O.rs?category=LAB&status=final; Observation; /Observation?category=obs|laboratory&status=final&patient=me",
    })
    void aSearchOrReadUnderGranularScopesIsForwardedNarrowedOrRefused(String scopes, String request, String expected)
        throws FhirProblemException {
        assertEquals(expected, outcome(scopes, request));
    }

    /**
     * Which resources of an answer pass: the codes the resource's coded elements hold ({@code element=code|code},
     * elements split by {@code &}) and whom it is about.
     */
    @ParameterizedTest(name = "[{index}] {0}: {1} {2} -> {3}")
    @CsvSource(delimiter = ';', value = {
        "$O.rs?category=LAB; Observation; category=LAB; true",
        "$O.rs?category=LAB; Observation; category=VITALS; false",
        "$O.rs?category=LAB; Observation; category=VITALS|LAB; true",
        "$O.rs?category=LAB; Observation; category=|laboratory; false",
        "$O.rs?category=LAB; Observation; code=LAB; false",
        "$O.rs?category=LAB; Observation; ''; false",
        "$O.rs?category=LAB $O.rs?category=VITALS; Observation; category=VITALS; true",
        "$O.rs?category=LAB&status=final; Observation; category=LAB&status=final; true",
        "$O.rs?category=LAB&status=final; Observation; category=LAB&status=preliminary; false",
        "$E.rs?type=PHARMACY; ExplanationOfBenefit; type=PHARMACY; true",
        "$E.rs?type=PHARMACY; ExplanationOfBenefit; type=http://terminology.hl7.org/CodeSystem/claim-type|oral; false",
        "$O.rs; Observation; category=VITALS; true",
    })
    void anAnswersResourcePassesOnlyWhenItMeetsAQuery(String scopes, String type, String codes, boolean passes)
        throws FhirProblemException {
        AnswerFilter answer = ((AccessDecision.Allowed) decide(expand(scopes), type)).answer();
        Map<String, Set<String>> noted = new HashMap<>();
        for (String element : expand(codes).split("&")) {
            int eq = element.indexOf('=');
            if (eq > 0) {
                // the codes of one element are split by '|' pairs: system|code|system|code...
                String[] parts = element.substring(eq + 1).split("\\|", -1);
                Set<String> values = new HashSet<>();
                for (int i = 0; i + 1 < parts.length; i += 2) {
                    values.add(parts[i] + "|" + parts[i + 1]);
                }
                if (parts.length % 2 == 1) {
                    values.add(parts[parts.length - 1]);
                }
                noted.put(element.substring(0, eq), values);
            }
        }
        assertEquals(AnswerFilter.Verdict.INSPECT, answer.byType(type));
        assertEquals(passes, answer.mayReturn(type, "o1", Map.of(type.equals("ExplanationOfBenefit") ? "patient"
            : "subject", Set.of("Patient/" + PATIENT)), noted));
    }

    @Test
    void theAnswerLooksAtTheQuerysCodedElements() throws FhirProblemException {
        AnswerFilter answer = ((AccessDecision.Allowed) decide("patient/Observation.rs?category=" + LAB
            + " patient/Coverage.rs", "Observation")).answer();

        assertEquals(Set.of("category"), answer.codedElements("Observation"));
        assertEquals(Set.of(), answer.codedElements("Coverage"));
        assertFalse(answer.mayReturn("Observation", "o1", Map.of("subject", Set.of("Patient/" + PATIENT))),
            "without its codes, a resource held to a query is withheld");
    }

    @Test
    void aGranularAnswerStillKeepsToTheLinkedPatient() throws FhirProblemException {
        AnswerFilter answer = ((AccessDecision.Allowed) decide("patient/Observation.rs?category=" + LAB,
            "Observation")).answer();
        Map<String, Set<String>> lab = Map.of("category", Set.of(LAB));

        assertTrue(answer.mayReturn("Observation", "o1", Map.of("subject", Set.of("Patient/" + PATIENT)), lab));
        assertFalse(answer.mayReturn("Observation", "o2", Map.of("subject", Set.of("Patient/dependent")), lab));
    }

    @Test
    void aRefusalNamesTheScopesQuery() throws FhirProblemException {
        AccessDecision.Refused refused = (AccessDecision.Refused) decide("patient/Observation.rs?category=" + LAB,
            "Observation?category=" + VITALS);

        assertTrue(refused.problem().diagnostics().contains("Observation?category=" + LAB),
            refused.problem().diagnostics());
    }

    private static String expand(String text) {
        return text.replace("$O", "patient/Observation").replace("$E", "patient/ExplanationOfBenefit")
            .replace("LAB", LAB).replace("VITALS", VITALS).replace("PHARMACY", PHARMACY);
    }
}
