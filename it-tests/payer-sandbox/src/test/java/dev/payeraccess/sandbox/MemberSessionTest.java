package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The whole sandbox as an app meets it: authorize, verify, exchange, then read FHIR with the token. */
class MemberSessionTest extends SandboxTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void aVerifiedMembersTokenReadsTheirOwnPatient() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.SHERIE);

        HttpResponse<String> response = client.fhirGet("/Patient", tokens.get("access_token").asText());

        assertEquals(200, response.statusCode());
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        List<String> ids = bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
        assertEquals(List.of(tokens.get("patient").asText()), ids);
        Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
        assertEquals("Fahey393", patient.getNameFirstRep().getFamily());
    }

    @Test
    void anotherMembersPatientIsNotFound() throws Exception {
        String token = client.tokensFor(Track.TEST, TestMembers.SHERIE).get("access_token").asText();

        assertEquals(404, client.fhirGet("/Patient/" + TestMembers.MAYTE.patientId(), token).statusCode());
    }

    @Test
    void clinicalDataOnlyOnThePayerToPayerTrack() throws Exception {
        String claimsTrack = client.tokensFor(Track.TEST, TestMembers.DELMAR).get("access_token").asText();
        String payerToPayer = client.tokensFor(Track.PAYER2PAYER, TestMembers.DELMAR).get("access_token").asText();

        assertEquals(0, entries(client.fhirGet("/Observation", claimsTrack)));
        assertTrue(entries(client.fhirGet("/Observation", payerToPayer)) > 0);
    }

    @Test
    void revokedAndExpiredTokensAre401() throws Exception {
        JsonNode revoked = client.tokensFor(Track.TEST, TestMembers.GEORGE);
        JsonNode expiring = client.tokensFor(Track.TEST, TestMembers.GEORGE);
        client.post(sandbox.urls().revocation(), java.util.Map.of("token", revoked.get("refresh_token").asText(),
            "client_id", SandboxSettings.KEYCLOAK_CLIENT.clientId(),
            "client_secret", SandboxSettings.KEYCLOAK_CLIENT.clientSecret()));
        sandbox.clock().advance(Duration.ofHours(2));

        assertEquals(401, client.fhirGet("/Patient", revoked.get("access_token").asText()).statusCode());
        assertEquals(401, client.fhirGet("/Patient", expiring.get("access_token").asText()).statusCode());
    }

    @Test
    void injectedFhirFailureIsAnOperationOutcomeAndCounted() throws Exception {
        String token = client.tokensFor(Track.TEST, TestMembers.MAYTE).get("access_token").asText();
        sandbox.controls().failNext(Area.FHIR, 1, Fault.status(503));

        HttpResponse<String> failed = client.fhirGet("/Coverage", token);
        HttpResponse<String> normal = client.fhirGet("/Coverage", token);

        assertEquals(503, failed.statusCode());
        FHIR.newJsonParser().parseResource(OperationOutcome.class, failed.body());
        assertEquals(200, normal.statusCode());
        assertEquals(2, sandbox.controls().requestCount(Area.FHIR));
        assertEquals("Bearer " + token,
            sandbox.controls().requests(Area.FHIR).get(0).header("Authorization").orElseThrow());
    }

    private static int entries(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getEntry().size();
    }
}
