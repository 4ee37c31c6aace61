package dev.payeraccess.sandbox;

import static dev.payeraccess.sandbox.SandboxClient.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wildcard scopes at a lenient plan (the default) and at one that wants every resource type asked for. */
class GranularScopeTest extends SandboxTest {

    @Test
    void byDefaultAWildcardScopeIsGranted() throws Exception {
        JsonNode tokens = client.exchange(client.code(Track.TEST, TestMembers.SHERIE, Map.of("scope", "patient/*.rs")));

        assertEquals("patient/*.rs", tokens.get("scope").asText());
        assertEquals(200, client.fhirGet("/ExplanationOfBenefit", tokens.get("access_token").asText()).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient/*.read", "user/*.read", "patient/*.rs", "patient/*.*", "openid user/*.cruds"})
    void aPlanRefusingWildcardsSendsTheAppBackWithInvalidScope(String scope) throws Exception {
        sandbox.controls().wildcardScopesRefused(true);

        HttpResponse<String> redirect = client.authorize(Track.TEST, Map.of("scope", scope));

        assertEquals(302, redirect.statusCode());
        assertEquals(Optional.of("invalid_scope"), param(redirect, "error"));
        String description = param(redirect, "error_description").orElse("");
        assertTrue(description.contains("does not grant wildcard scopes"), description);
        assertTrue(description.contains("Ask for each resource type, e.g. patient/Patient.read"), description);
        assertEquals(Optional.of("xyz"), param(redirect, "state"));
    }

    @Test
    void aPlanRefusingWildcardsGrantsNoDefaultScope() throws Exception {
        sandbox.controls().wildcardScopesRefused(true);

        HttpResponse<String> redirect = client.authorize(Track.TEST, Map.of());

        assertEquals(Optional.of("invalid_scope"), param(redirect, "error"));
        assertTrue(param(redirect, "error_description").orElse("").startsWith("scope is required"));
    }

    @Test
    void aPlanRefusingWildcardsGrantsGranularV1ScopesAsAsked() throws Exception {
        sandbox.controls().wildcardScopesRefused(true);

        JsonNode tokens = client.exchange(client.code(Track.TEST, TestMembers.SHERIE,
            Map.of("scope", "openid patient/Patient.read patient/Coverage.read")));

        assertEquals("openid patient/Patient.read patient/Coverage.read", tokens.get("scope").asText());
    }

    @Test
    void aTokenGrantedV2ScopesForTwoTypesReadsThoseAndIsForbiddenTheRest() throws Exception {
        sandbox.controls().wildcardScopesRefused(true);
        JsonNode tokens = client.exchange(client.code(Track.TEST, TestMembers.SHERIE,
            Map.of("scope", "patient/Coverage.rs patient/Patient.rs")));
        String token = tokens.get("access_token").asText();

        HttpResponse<String> claims = client.fhirGet("/ExplanationOfBenefit", token);

        assertEquals("patient/Coverage.rs patient/Patient.rs", tokens.get("scope").asText(), "the scopes granted");
        assertEquals(200, client.fhirGet("/Coverage", token).statusCode());
        assertEquals(200, client.fhirGet("/Patient", token).statusCode());
        assertEquals(200, client.fhirGet("/Patient/" + TestMembers.SHERIE.patientId(), token).statusCode());
        assertEquals(403, claims.statusCode());
        assertTrue(claims.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
    }
}
