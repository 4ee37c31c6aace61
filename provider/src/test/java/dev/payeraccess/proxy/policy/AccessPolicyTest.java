package dev.payeraccess.proxy.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.FhirRequestParser;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.ProxyRequest;
import dev.payeraccess.proxy.request.SearchParameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The access decision as a table: who calls (the app token's scopes), what the plan granted, what is
 * asked; and the status the proxy answers before anything reaches the plan (200: forwarded).
 */
class AccessPolicyTest {

    private static final String PLAN = "https://api.plan.example/r4";
    /** The linked member's Patient id at the plan. */
    private static final String PATIENT = "sherie";
    private static final List<String> ALLOWED = List.of("Patient", "Coverage", "ExplanationOfBenefit", "Organization",
        "Practitioner");
    private static final FhirRequestParser PARSER = new FhirRequestParser(R4.context().getResourceTypes(),
        "https://kc.example/realms/r/payer-access/fhir/test", PLAN);

    private static AccessDecision decide(String callerScope, String planScope,
        String request) throws FhirProblemException {
        int q = request.indexOf('?');
        String path = q < 0 ? request : request.substring(0, q);
        Optional<String> query = q < 0 ? Optional.empty() : Optional.of(request.substring(q + 1));
        return AccessPolicy.of(callerScope, planScope, ALLOWED, new HapiSearchParameters(R4.context()), PATIENT)
            .decide(PARSER.parse(path, query, Optional.empty()));
    }

    private static int status(AccessDecision decision) {
        return decision instanceof AccessDecision.Refused refused ? refused.problem().status() : 200;
    }

    @ParameterizedTest(name = "[{index}] caller ''{0}'', plan ''{1}'': {2} -> {3}")
    @CsvSource(delimiter = ';', value = {
        // SMART v1: .read covers read and search of its type, wildcards cover every type
        "openid patient/Coverage.read; patient/*.read; Coverage/1; 200",
        "openid patient/Coverage.read; patient/*.read; Coverage?status=active; 200",
        "openid patient/Coverage.read; patient/*.read; ExplanationOfBenefit; 403",
        "user/*.read; patient/*.read; ExplanationOfBenefit; 200",
        "patient/*.*; patient/*.read; Patient/sherie; 200",
        // SMART v2 splits read (r) from search (s)
        "patient/Coverage.rs; patient/*.read; Coverage; 200",
        "patient/Coverage.r; patient/*.read; Coverage/1; 200",
        "patient/Coverage.r; patient/*.read; Coverage; 403",
        "patient/Coverage.s; patient/*.read; Coverage/1; 403",
        "patient/*.cruds; patient/*.read; Patient/sherie; 200",
        // scopes that grant no read grant nothing
        "patient/Coverage.write; patient/*.read; Coverage/1; 403",
        "patient/Coverage.c; patient/*.read; Coverage/1; 403",
        "openid launch/patient offline_access; patient/*.read; Coverage/1; 403",
        "'' ; patient/*.read; Coverage/1; 403",
        "patient/Observation.rs?category=laboratory; patient/*.read; Observation; 403",
        "system/*.read; patient/*.read; Coverage/1; 403",
        // the plan's grant narrows; a plan that named no resource scope leaves it to caller and admin
        "patient/*.read; patient/ExplanationOfBenefit.read openid; ExplanationOfBenefit; 200",
        "patient/*.read; patient/ExplanationOfBenefit.read openid; Coverage; 403",
        "patient/*.read; ''; Coverage; 200",
        "patient/*.read; openid offline_access; Coverage; 200",
        // the administrator's allowlist is the outer limit
        "patient/*.read; patient/*.read; Observation/1; 403",
        // includes: a named target or source type must be readable; untyped includes are filtered instead
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?_include=ExplanationOfBenefit:coverage:Coverage; 200",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?_include=ExplanationOfBenefit:patient:Patient; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "Coverage?_revinclude=ExplanationOfBenefit:coverage; 200",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?_revinclude=Provenance:target; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?_revinclude:iterate=Provenance:target; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?_include=ExplanationOfBenefit:provider; 200",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?_include=*; 200",
        // chains reach every type the reference can point at
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?patient.name=Fahey; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?coverage.status=active; 200",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?provider:Organization.name=Acme; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?nonsense.name=x; 400",
        // reverse chains reach their source type
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "Coverage?_has:Observation:patient:code=1234; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "Coverage?_has:ExplanationOfBenefit:coverage:status=active; 200",
        // plain parameters reach nothing
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?type=pharmacy&_count=5; 200",
        // every level of _has and every hop of a chain, also _has inside a chain
        "patient/Patient.read patient/Coverage.read; patient/*.read; "
            + "Patient?_has:Coverage:beneficiary:status=active; 200",
        "patient/Patient.read patient/Coverage.read; patient/*.read; "
            + "Patient?_has:Coverage:beneficiary:_has:ExplanationOfBenefit:coverage:status=active; 403",
        "patient/*.read; patient/*.read; "
            + "Patient?_has:Coverage:beneficiary:_has:ExplanationOfBenefit:coverage:status=active; 200",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?coverage.payor.name=Acme; 403",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?coverage.payor:Organization.name=Acme; 200",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?coverage._has:ExplanationOfBenefit:coverage:status=active; 200",
        "patient/ExplanationOfBenefit.read; patient/*.read; "
            + "ExplanationOfBenefit?patient._has:Coverage:beneficiary:status=active; 403",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?_has:Coverage:payor:status=active; 400",
        // what the proxy cannot check is refused, whatever the scopes
        "user/*.read; user/*.read; ExplanationOfBenefit?_filter=status eq active; 400",
        "user/*.read; user/*.read; ExplanationOfBenefit?_query=everything; 400",
        "user/*.read; user/*.read; ExplanationOfBenefit?_list=mine; 400",
        "user/*.read; user/*.read; ExplanationOfBenefit?_text=diabetes; 400",
        "user/*.read; user/*.read; ExplanationOfBenefit?_content=diabetes; 400",
        "user/*.read; user/*.read; ExplanationOfBenefit?_contained=true; 400",
        "user/*.read; user/*.read; ExplanationOfBenefit?_containedType=contained; 400",
        // CARIN Blue Button and US Core parameters are known; unknown names only as plain values
        "patient/*.read; patient/*.read; "
            + "ExplanationOfBenefit?service-date=ge2024-01-01&billable-period-start=ge2024; 200",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?service-date:missing=false; 200",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?made-up=1; 200",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?made-up:exact=1; 400",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?made-up.name=1; 400",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?coverage.made-up=1; 400",
        // patient/ scopes stay on the linked patient; user/ scopes keep what the plan grants
        "patient/*.read; patient/*.read; Patient/someone-else; 404",
        "patient/*.read; patient/*.read; Patient/someone-else/_history/1; 404",
        "user/*.read; user/*.read; Patient/someone-else; 200",
        "patient/*.read; patient/*.read; Patient?_id=someone-else; 403",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?patient=someone-else; 403",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?patient=Patient/someone-else; 403",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?patient=sherie,someone-else; 403",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?patient:missing=true; 403",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?patient=Patient/sherie; 200",
        "patient/*.read; patient/*.read; "
            + "ExplanationOfBenefit?patient=https://kc.example/realms/r/payer-access/fhir/test/Patient/sherie; 200",
        "patient/*.read; patient/*.read; Coverage?beneficiary=someone-else; 403",
        "patient/*.read; patient/*.read; Coverage?subscriber=Patient/someone-else; 403",
        "user/*.read; user/*.read; ExplanationOfBenefit?patient=someone-else; 200",
        "patient/*.read; patient/*.read; Organization?name=Acme; 200",
        // patient/ means this patient, not the household: only the pinning parameter keeps a search on the member
        "patient/*.read; patient/*.read; Coverage?subscriber=Patient/sherie; 200",
        "patient/*.read; patient/*.read; Coverage?policy-holder=Patient/sherie; 200",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?payee=Patient/sherie; 200",
        "patient/*.read; patient/*.read; ExplanationOfBenefit?payee=Patient/child; 403",
        "patient/*.read; patient/*.read; Coverage?subscriber=Patient/sherie&beneficiary=Patient/child; 403",
        "patient/*.read; patient/*.read; Patient?_id=sherie,child; 403",
        // mixed user/ and patient/ scopes: a hop of a user/ search into a patient/-only type is refused
        "user/Coverage.read patient/Patient.read; patient/*.read; Coverage?subscriber.name=Fahey; 403",
        "user/Coverage.read patient/Patient.read; patient/*.read; Coverage?beneficiary:Patient.birthdate=2015; 403",
        "user/Patient.read patient/Coverage.read; patient/*.read; Patient?_has:Coverage:beneficiary:status=active; 403",
        "user/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?coverage.status=active; 403",
        "user/ExplanationOfBenefit.read user/Coverage.read user/Organization.read patient/Patient.read; "
            + "patient/*.read; ExplanationOfBenefit?coverage.payor:Organization.name=Acme; 200",
        "user/ExplanationOfBenefit.read user/Coverage.read user/Organization.read patient/Patient.read; "
            + "patient/*.read; ExplanationOfBenefit?coverage.beneficiary.name=Fahey; 403",
        "user/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; "
            + "ExplanationOfBenefit?_include=ExplanationOfBenefit:coverage; 200",
        "user/Coverage.read patient/Patient.read; patient/*.read; Coverage?subscriber=Patient/child; 200",
        "patient/*.read; patient/*.read; Organization?_has:Coverage:payor:beneficiary=Patient/child; 403",
        "user/*.read; patient/*.read; Organization?_has:Coverage:payor:beneficiary=Patient/child; 200",
        "patient/*.read; patient/*.read; Patient?_has:Coverage:beneficiary:subscriber=Patient/sherie; 200",
        "user/Coverage.read patient/Patient.read; patient/*.read; Patient?_id=child; 403",
        "user/Coverage.read patient/Patient.read; patient/*.read; Patient/child; 404",
    })
    void decidesBeforeThePlanIsCalled(String callerScope, String planScope, String request, int expected)
        throws FhirProblemException {
        assertEquals(expected, status(decide(callerScope, planScope, request)));
    }

    @Test
    void refusalsTellTheDeveloperWhichScopeToAskFor() throws FhirProblemException {
        String why = diagnostics(decide("patient/Coverage.read", "patient/*.read", "ExplanationOfBenefit"));

        assertTrue(why.contains("patient/ExplanationOfBenefit.read") && why.contains("patient/ExplanationOfBenefit.s"),
            why);
    }

    @Test
    void refusalsNameTheLayerThatRefused() throws FhirProblemException {
        assertTrue(diagnostics(decide("patient/*.read", "patient/ExplanationOfBenefit.read", "Coverage"))
            .contains("did not grant"));
        assertTrue(diagnostics(decide("patient/*.read", "patient/*.read", "Observation/1")).contains("administrator"));
        assertTrue(diagnostics(decide("patient/Coverage.read", "patient/*.read", "Coverage?patient.name=x"))
            .contains("reaches Patient"));
    }

    @Test
    void aHopOfAUserSearchIntoAPatientOnlyTypeIsRefusedAsUnpinnable() throws FhirProblemException {
        String why = diagnostics(decide("user/ExplanationOfBenefit.read patient/Coverage.read", "patient/*.read",
            "ExplanationOfBenefit?coverage.status=active"));

        assertTrue(why.contains("reaches Coverage") && why.contains("linked patient only"), why);
        assertTrue(diagnostics(decide("user/Patient.read patient/Coverage.read", "patient/*.read",
            "Patient?_has:Coverage:beneficiary:status=active")).contains("linked patient only"));
    }

    @Test
    void anotherPatientsResourceLooksUnknown() throws FhirProblemException {
        FhirProblem problem = assertInstanceOf(AccessDecision.Refused.class,
            decide("patient/*.read", "patient/*.read", "Patient/child")).problem();

        assertEquals(404, problem.status());
        assertEquals("not-found", problem.issueType());
        assertFalse(problem.diagnostics().contains("child") || problem.diagnostics().contains("scope"),
            problem.diagnostics());
    }

    @Test
    void theAnswerKeepsOnlyTypesTheCallerMayReadOrSearch() throws FhirProblemException {
        AccessDecision decision = decide("patient/Coverage.r patient/ExplanationOfBenefit.rs", "patient/*.read",
            "ExplanationOfBenefit?_include=*");

        AnswerFilter answer = assertInstanceOf(AccessDecision.Allowed.class, decision).answer();
        assertEquals(AnswerFilter.Verdict.INSPECT, answer.byType("ExplanationOfBenefit"));
        assertEquals(AnswerFilter.Verdict.INSPECT, answer.byType("Coverage"),
            "read alone is enough to see an included resource");
        assertEquals(AnswerFilter.Verdict.WITHHOLD, answer.byType("Patient"));
        assertEquals(AnswerFilter.Verdict.WITHHOLD, answer.byType("Observation"), "not on the administrator's list");
    }

    @Test
    void aUserScopedSearchIsForwardedAsAsked() throws FhirProblemException {
        assertEquals(PLAN + "/Coverage?status=active", forwarded("user/*.read", "Coverage?status=active"));
    }

    @Test
    void aPatientScopedSearchNamingNoPatientIsPinnedToTheLinkedOne() throws FhirProblemException {
        assertEquals(PLAN + "/ExplanationOfBenefit?type=pharmacy&patient=Patient%2Fsherie",
            forwarded("patient/*.read", "ExplanationOfBenefit?type=pharmacy"));
        assertEquals(PLAN + "/Patient?name=Fahey&_id=sherie", forwarded("patient/*.read", "Patient?name=Fahey"));
        assertEquals(PLAN + "/Coverage?beneficiary=Patient%2Fsherie",
            forwarded("patient/*.read", "Coverage?beneficiary=Patient/sherie"),
            "already named: left as asked");
        assertEquals(PLAN + "/Organization?name=Acme", forwarded("patient/*.read", "Organization?name=Acme"),
            "directory types are outside the patient compartment");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        // the member named through a household parameter: still pinned by the type's pinning parameter
        "Coverage?subscriber=Patient/sherie; Coverage?subscriber=Patient%2Fsherie&beneficiary=Patient%2Fsherie",
        "Coverage?policy-holder=sherie; Coverage?policy-holder=sherie&beneficiary=Patient%2Fsherie",
        "Coverage?payor=Patient/sherie; Coverage?payor=Patient%2Fsherie&beneficiary=Patient%2Fsherie",
        "ExplanationOfBenefit?payee=Patient/sherie; "
            + "ExplanationOfBenefit?payee=Patient%2Fsherie&patient=Patient%2Fsherie",
        "ExplanationOfBenefit?patient.name=Fahey; ExplanationOfBenefit?patient.name=Fahey&patient=Patient%2Fsherie",
        // named by the pinning parameter itself: forwarded as asked
        "ExplanationOfBenefit?patient=sherie&payee=Patient/sherie; "
            + "ExplanationOfBenefit?patient=sherie&payee=Patient%2Fsherie",
        "Coverage?beneficiary=sherie&subscriber=Patient/sherie; "
            + "Coverage?beneficiary=sherie&subscriber=Patient%2Fsherie",
        "Patient?_id=sherie; Patient?_id=sherie",
    })
    void aPatientScopedSearchStaysOnTheMemberThroughThePinningParameterOnly(String asked, String atPlan)
        throws FhirProblemException {
        assertEquals(PLAN + "/" + atPlan, forwarded("patient/*.read", asked));
    }

    @Test
    void aReadWhoseAnswerDecidesGoesWithoutConditionalHeaders() throws FhirProblemException {
        ProxyRequest asked = new ProxyRequest(ProxyRequest.Method.GET, "Coverage/c2", Optional.empty(),
            Optional.empty(), Map.of("If-None-Match", "W/\"1\"", "If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT",
                "Prefer", "handling=strict"));

        assertEquals(Map.of("Prefer", "handling=strict"),
            allowed("patient/*.read", "Coverage/c2").asSent(asked).forwardedHeaders(), "patient/: the answer decides");
        assertEquals(Map.of("Prefer", "handling=strict"),
            allowed("patient/*.read", "Organization?name=Acme").asSent(asked).forwardedHeaders(),
            "a search may bring patient/ types along (_include)");
        assertEquals(asked.forwardedHeaders(),
            allowed("user/*.read", "Coverage/c2").asSent(asked).forwardedHeaders(), "user/: the plan decides");
        assertEquals(asked.forwardedHeaders(),
            allowed("patient/Organization.read", "Organization/o1").asSent(asked).forwardedHeaders(),
            "a directory read is returned by type");
    }

    @Test
    void aPatientScopedAnswerKeepsOnlyResourcesAboutTheLinkedPatient() throws FhirProblemException {
        AnswerFilter answer = allowed("patient/*.read", "ExplanationOfBenefit?_include=*").answer();

        assertEquals(AnswerFilter.Verdict.INSPECT, answer.byType("ExplanationOfBenefit"));
        assertEquals(AnswerFilter.Verdict.INSPECT, answer.byType("Patient"));
        assertEquals(AnswerFilter.Verdict.RETURN, answer.byType("Organization"));
        assertEquals(AnswerFilter.Verdict.WITHHOLD, answer.byType("Observation"));
        assertTrue(answer.mayReturn("Patient", "sherie", Map.of()));
        assertFalse(answer.mayReturn("Patient", "someone-else", Map.of("link", Set.of("Patient/sherie"))));
        assertTrue(answer.mayReturn("Coverage", "c1", Map.of("payor", Set.of("Organization/o1"),
            "beneficiary", Set.of("Patient/sherie"))));
        assertTrue(answer.mayReturn("Coverage", "c1", Map.of("beneficiary", Set.of(PLAN + "/Patient/sherie"))));
        assertFalse(answer.mayReturn("Coverage", "c2", Map.of("payor", Set.of("Organization/o1"),
            "beneficiary", Set.of("Patient/someone-else"))));
    }

    /**
     * Whom an answer's resource is about, for a patient/ caller linked as Patient/sherie whose plan also shows a
     * dependent: the references the resource's top-level elements hold ({@code element=reference|...}, elements
     * split by {@code &}) and whether it reaches the app. Only the type's own subject counts.
     */
    @ParameterizedTest(name = "[{index}] {0} {1} with {2} -> {3}")
    @CsvSource(delimiter = ';', value = {
        // the member's own records
        "Coverage; c1; beneficiary=Patient/sherie & subscriber=Patient/sherie & payor=Organization/o1; true",
        "ExplanationOfBenefit; e1; patient=Patient/sherie & insurer=Organization/o1; true",
        "Observation; o1; subject=Patient/sherie & performer=Practitioner/p1; true",
        "Condition; c1; subject=Patient/sherie; true",
        "AllergyIntolerance; a1; patient=Patient/sherie; true",
        "Patient; sherie; ''; true",
        // the household: the member as subscriber, policy holder or payee is not the member's record
        "Coverage; c2; beneficiary=Patient/child & subscriber=Patient/sherie & policyHolder=Patient/sherie; false",
        "ExplanationOfBenefit; e2; patient=Patient/child & payee=Patient/sherie; false",
        "ExplanationOfBenefit; e3; patient=Patient/child & insurance=Coverage/c1|Patient/sherie; false",
        "Observation; o2; subject=Patient/child & performer=Patient/sherie; false",
        "Patient; child; link=Patient/sherie; false",
        // no subject, or one that is not only the member, is not the member's
        "ExplanationOfBenefit; e4; insurer=Organization/o1; false",
        "Coverage; c3; beneficiary=Patient/sherie|Patient/child; false",
        "Coverage; c4; beneficiary=#contained-child & subscriber=Patient/sherie; false",
        // a type whose subject is not at the resource's top level is withheld
        "Group; g1; member=Patient/sherie; false",
    })
    void aPatientScopedAnswerPassesOnlyWhatIsAboutTheMemberItself(String type, String id, String references,
                                                                  boolean returned) throws FhirProblemException {
        AnswerFilter answer = allowed("patient/*.read", "ExplanationOfBenefit").answer();

        assertEquals(returned, answer.mayReturn(type, id, referencesOf(references)));
    }

    private static Map<String, Set<String>> referencesOf(String table) {
        Map<String, Set<String>> references = new HashMap<>();
        for (String element : table.split("&")) {
            if (!element.isBlank()) {
                String[] pair = element.trim().split("=", 2);
                references.put(pair[0], Set.of(pair[1].split("\\|")));
            }
        }
        return references;
    }

    @Test
    void aUserScopedAnswerIsFilteredByTypeOnly() throws FhirProblemException {
        AnswerFilter answer = allowed("user/*.read", "ExplanationOfBenefit?_include=*").answer();

        assertEquals(AnswerFilter.Verdict.RETURN, answer.byType("Patient"));
        assertEquals(AnswerFilter.Verdict.RETURN, answer.byType("ExplanationOfBenefit"));
    }

    @Test
    void aPageWithoutItsSearchsTypeIsRefused() {
        FhirRequest unsigned = new FhirRequest(Interaction.PAGE, Optional.empty(), Optional.empty(), Optional.empty(),
            List.of(new SearchParameter("_getpages", "abc")));

        assertEquals(403, status(AccessPolicy.of("user/*.read", "", ALLOWED, new HapiSearchParameters(R4.context()),
            PATIENT).decide(unsigned)));
    }

    @Test
    void aPageNeedsTheSameGrantAsItsSearch() {
        FhirRequest page = new FhirRequest(Interaction.PAGE, Optional.of("ExplanationOfBenefit"), Optional.empty(),
            Optional.empty(), List.of(new SearchParameter("_getpages", "abc")));

        assertEquals(200, status(AccessPolicy.of("patient/ExplanationOfBenefit.rs", "", ALLOWED,
            new HapiSearchParameters(R4.context()), PATIENT).decide(page)));
        assertEquals(403, status(AccessPolicy.of("openid", "", ALLOWED, new HapiSearchParameters(R4.context()), PATIENT)
            .decide(page)));
        assertEquals(403, status(AccessPolicy.of("patient/ExplanationOfBenefit.r", "", ALLOWED,
            new HapiSearchParameters(R4.context()), PATIENT).decide(page)), "v2 read without search");
    }

    private static AccessDecision.Allowed allowed(String scope, String request) throws FhirProblemException {
        return assertInstanceOf(AccessDecision.Allowed.class, decide(scope, "patient/*.read", request));
    }

    private static String forwarded(String scope, String request) throws FhirProblemException {
        return allowed(scope, request).forwarded().planUrl(PLAN);
    }

    private static String diagnostics(AccessDecision decision) {
        return assertInstanceOf(AccessDecision.Refused.class, decision).problem().diagnostics();
    }
}
