package dev.payeraccess.sandbox.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.oauth.AccessGrant;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private static FhirSandbox sandbox;
    private static final String PATIENT = "/Patient/" + TestMembers.MAYTE.patientId();

    @BeforeAll
    static void start() throws Exception {
        sandbox = FhirSandbox.start();
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void capabilityStatementIsPublic() throws Exception {
        HttpResponse<String> response = sandbox.get("/metadata", null);

        assertEquals(200, response.statusCode());
        assertFhirJson(response);
        CapabilityStatement capabilities = FhirSandbox.FHIR.newJsonParser()
            .parseResource(CapabilityStatement.class, response.body());
        assertTrue(capabilities.getRestFirstRep().getResource().stream()
            .anyMatch(r -> r.getType().equals("ExplanationOfBenefit")));
    }

    @Test
    void requestWithoutTokenIsChallenged() throws Exception {
        HttpResponse<String> response = sandbox.get(PATIENT, null);

        assertEquals(401, response.statusCode());
        assertFhirJson(response);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer "), challenge);
        assertFalse(challenge.contains("error="), "no error code when no credentials were sent: " + challenge);
        assertOperationOutcome(response, "login");
    }

    @Test
    void anAnonymousCallerIsAdmittedAsTheGrantTheControlsNameUntilRefusedAgain() throws Exception {
        String token = sandbox.issue(TestMembers.MAYTE, Track.TEST);
        sandbox.controls().admitAnonymousAs(token);
        try {
            HttpResponse<String> admitted = sandbox.get(PATIENT, null);
            HttpResponse<String> withItsOwnToken = sandbox.get(PATIENT, "not-a-token-the-sandbox-issued");

            assertEquals(200, admitted.statusCode());
            assertEquals(TestMembers.MAYTE.patientId(), FhirSandbox.FHIR.newJsonParser()
                .parseResource(Patient.class, admitted.body()).getIdElement().getIdPart());
            assertEquals(401, withItsOwnToken.statusCode(), "a caller that brings a token is checked as always");
        } finally {
            sandbox.controls().refuseAnonymous();
        }
        assertEquals(401, sandbox.get(PATIENT, null).statusCode());
        sandbox.controls().admitAnonymousAs(token).reset();
        assertEquals(401, sandbox.get(PATIENT, null).statusCode(), "reset refuses anonymous callers too");
    }

    @Test
    void unknownTokenIsRejectedWithoutEchoingIt() throws Exception {
        String token = "not-a-token-the-sandbox-issued";

        HttpResponse<String> response = sandbox.get(PATIENT, token);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
        assertOperationOutcome(response, "login");
        assertFalse(response.body().contains(token));
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        String token = sandbox.issue(new AccessGrant(TestMembers.MAYTE, Track.TEST, Set.of("patient/*.read"),
            Instant.now().minusSeconds(5)));

        HttpResponse<String> response = sandbox.get(PATIENT, token);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
    }

    @Test
    void unknownPathsAreChallengedToo() throws Exception {
        assertEquals(401, sandbox.get("/NoSuchType/1", null).statusCode());
        assertEquals(401, sandbox.get("/ExplanationOfBenefit?patient=" + TestMembers.MAYTE.patientId(), null)
            .statusCode());
    }

    @Test
    void typeOutsideTheGrantedScopesIsForbidden() throws Exception {
        String token = sandbox.issue(TestMembers.MAYTE, Track.DIGITAL_INSURANCE, "patient/Coverage.read");

        HttpResponse<String> claims = sandbox.get("/ExplanationOfBenefit", token);
        HttpResponse<String> patient = sandbox.get(PATIENT, token);
        Bundle coverages = sandbox.client(token).search().forResource(Coverage.class)
            .returnBundle(Bundle.class).execute();

        assertEquals(403, claims.statusCode());
        assertOperationOutcome(claims, "forbidden");
        assertTrue(claims.headers().firstValue("WWW-Authenticate").orElseThrow().contains("insufficient_scope"));
        assertEquals(403, patient.statusCode());
        assertFalse(coverages.getEntry().isEmpty());
    }

    @Test
    void smartV2ReadAndSearchAreSeparatePermissions() throws Exception {
        String coverageId = sandbox.client(sandbox.issue(TestMembers.MAYTE, Track.TEST)).search()
            .forResource(Coverage.class).returnBundle(Bundle.class).execute()
            .getEntryFirstRep().getResource().getIdElement().getIdPart();
        String token = sandbox.issue(TestMembers.MAYTE, Track.TEST, "patient/Coverage.r", "patient/Patient.s");

        HttpResponse<String> coverageSearch = sandbox.get("/Coverage", token);
        HttpResponse<String> patientRead = sandbox.get(PATIENT, token);

        assertEquals(200, sandbox.get("/Coverage/" + coverageId, token).statusCode());
        assertEquals(403, coverageSearch.statusCode());
        assertTrue(coverageSearch.body().contains("do not allow searching Coverage"), coverageSearch.body());
        assertEquals(200, sandbox.get("/Patient", token).statusCode());
        assertEquals(403, patientRead.statusCode());
        assertTrue(patientRead.body().contains("do not allow reading Patient"), patientRead.body());
    }

    @Test
    void genericClientWithBadTokenGetsAuthenticationError() {
        assertThrows(AuthenticationException.class, () -> sandbox.client("bogus").read()
            .resource(Patient.class).withId(TestMembers.MAYTE.patientId()).execute());
    }

    private static void assertFhirJson(HttpResponse<String> response) {
        String contentType = response.headers().firstValue("Content-Type").orElseThrow();
        assertEquals("application/fhir+json;charset=utf-8", contentType.replace(" ", "").toLowerCase());
    }

    private static void assertOperationOutcome(HttpResponse<String> response, String issueCode) {
        OperationOutcome outcome = FhirSandbox.FHIR.newJsonParser().parseResource(OperationOutcome.class,
            response.body());
        assertEquals(issueCode, outcome.getIssueFirstRep().getCode().toCode());
    }
}
