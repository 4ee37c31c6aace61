package dev.payeraccess.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.R4;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The access decision as a table: who calls (the app token's scopes), what the plan granted, what is
 * asked; and the status the proxy answers before anything reaches the plan (200: forwarded).
 */
class AccessPolicyTest {

    private static final String PLAN = "https://api.plan.example/r4";
    private static final List<String> ALLOWED = List.of("Patient", "Coverage", "ExplanationOfBenefit", "Organization",
        "Practitioner");
    private static final FhirRequestParser PARSER = new FhirRequestParser(R4.context().getResourceTypes(),
        "https://kc.example/realms/r/payer-access/fhir/test", PLAN);

    private static AccessDecision decide(String callerScope, String planScope, String request) throws FhirProblemException {
        int q = request.indexOf('?');
        String path = q < 0 ? request : request.substring(0, q);
        Optional<String> query = q < 0 ? Optional.empty() : Optional.of(request.substring(q + 1));
        return AccessPolicy.of(callerScope, planScope, ALLOWED, new HapiReferenceTargets(R4.context()))
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
        "patient/*.*; patient/*.read; Patient/1; 200",
        // SMART v2 splits read (r) from search (s)
        "patient/Coverage.rs; patient/*.read; Coverage; 200",
        "patient/Coverage.r; patient/*.read; Coverage/1; 200",
        "patient/Coverage.r; patient/*.read; Coverage; 403",
        "patient/Coverage.s; patient/*.read; Coverage/1; 403",
        "patient/*.cruds; patient/*.read; Patient/1; 200",
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
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?_include=ExplanationOfBenefit:coverage:Coverage; 200",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?_include=ExplanationOfBenefit:patient:Patient; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; Coverage?_revinclude=ExplanationOfBenefit:coverage; 200",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?_revinclude=Provenance:target; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?_revinclude:iterate=Provenance:target; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?_include=ExplanationOfBenefit:provider; 200",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?_include=*; 200",
        // chains reach every type the reference can point at
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?patient.name=Fahey; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?coverage.status=active; 200",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?provider:Organization.name=Acme; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?nonsense.name=x; 400",
        // reverse chains reach their source type
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; Coverage?_has:Observation:patient:code=1234; 403",
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; Coverage?_has:ExplanationOfBenefit:coverage:status=active; 200",
        // plain parameters reach nothing
        "patient/ExplanationOfBenefit.read patient/Coverage.read; patient/*.read; ExplanationOfBenefit?type=pharmacy&_count=5; 200",
    })
    void decidesBeforeThePlanIsCalled(String callerScope, String planScope, String request, int expected)
        throws FhirProblemException {
        assertEquals(expected, status(decide(callerScope, planScope, request)));
    }

    @Test
    void refusalsTellTheDeveloperWhichScopeToAskFor() throws FhirProblemException {
        String why = diagnostics(decide("patient/Coverage.read", "patient/*.read", "ExplanationOfBenefit"));

        assertTrue(why.contains("patient/ExplanationOfBenefit.read") && why.contains("patient/ExplanationOfBenefit.s"), why);
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
    void theAnswerKeepsOnlyTypesTheCallerMayReadOrSearch() throws FhirProblemException {
        AccessDecision decision = decide("patient/Coverage.r patient/ExplanationOfBenefit.rs", "patient/*.read",
            "ExplanationOfBenefit?_include=*");

        Predicate<String> mayReturn = assertInstanceOf(AccessDecision.Allowed.class, decision).mayReturn();
        assertTrue(mayReturn.test("ExplanationOfBenefit"));
        assertTrue(mayReturn.test("Coverage"), "read alone is enough to see an included resource");
        assertFalse(mayReturn.test("Patient"));
        assertFalse(mayReturn.test("Observation"), "not on the administrator's list");
    }

    @Test
    void anAllowedRequestIsForwardedAsAsked() throws FhirProblemException {
        AccessDecision decision = decide("patient/*.read", "patient/*.read", "Coverage?status=active");

        assertEquals(PLAN + "/Coverage?status=active",
            assertInstanceOf(AccessDecision.Allowed.class, decision).forwarded().planUrl(PLAN));
    }

    private static String diagnostics(AccessDecision decision) {
        return assertInstanceOf(AccessDecision.Refused.class, decision).problem().diagnostics();
    }
}
