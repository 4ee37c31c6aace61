package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenEndpointTest extends SandboxTest {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void codeExchangeAnswersTokensGrantedScopeAndPatient() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.SHERIE);

        assertTrue(tokens.get("access_token").asText().length() > 30);
        assertTrue(tokens.get("refresh_token").asText().length() > 30);
        assertEquals("Bearer", tokens.get("token_type").asText());
        assertEquals(3600, tokens.get("expires_in").asInt());
        assertEquals("user/*.read", tokens.get("scope").asText(), "the test track's default scope");
        assertEquals(TestMembers.SHERIE.patientId(), tokens.get("patient").asText());
        assertFalse(tokens.has("id_token"), "no openid, no id_token");
    }

    @Test
    void digitalInsuranceTrackDefaultsToPatientScope() throws Exception {
        JsonNode tokens = client.tokensFor(Track.DIGITAL_INSURANCE, TestMembers.JASON);

        assertEquals("patient/*.read", tokens.get("scope").asText());
        assertEquals("jason-argonaut", tokens.get("patient").asText());
    }

    @Test
    void grantedScopeIsWhatTheAppAskedFor() throws Exception {
        JsonNode tokens = client.exchange(client.code(Track.TEST, TestMembers.MAYTE,
            Map.of("scope", "patient/Coverage.read patient/ExplanationOfBenefit.read")));

        assertEquals("patient/Coverage.read patient/ExplanationOfBenefit.read", tokens.get("scope").asText());
    }

    @Test
    void openidAddsASignedIdTokenNamingThePatientAsFhirUser() throws Exception {
        JsonNode tokens = client.exchange(client.code(Track.TEST, TestMembers.DELMAR,
            Map.of("scope", "patient/*.read openid")));

        String[] jwt = tokens.get("id_token").asText().split("\\.");
        JsonNode claims = SandboxClient.JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals(sandbox.urls().fhirBase() + "/Patient/" + TestMembers.DELMAR.patientId(),
            claims.get("fhirUser").asText());
        assertEquals(SandboxSettings.KEYCLOAK_CLIENT.clientId(), claims.get("aud").asText());
        assertTrue(signatureVerifies(jwt), "id_token signature checks out against /oauth2/jwks");
    }

    @Test
    void aCodeWorksOnceAndItsReplayRevokesWhatItIssued() throws Exception {
        String code = client.code(Track.TEST, TestMembers.MAYTE, Map.of());
        JsonNode first = client.exchange(code);

        HttpResponse<String> replay = client.token(Map.of("grant_type", "authorization_code", "code", code));

        assertEquals(400, replay.statusCode());
        assertEquals("invalid_grant", error(replay));
        assertFalse(sandbox.grants().isActive(first.get("access_token").asText()));
        assertFalse(sandbox.grants().isActive(first.get("refresh_token").asText()));
    }

    @Test
    void aCodeExpiresAfterFiveMinutes() throws Exception {
        String code = client.code(Track.TEST, TestMembers.MAYTE, Map.of());
        sandbox.clock().advance(Duration.ofMinutes(5).plusSeconds(1));

        HttpResponse<String> late = client.token(Map.of("grant_type", "authorization_code", "code", code));

        assertEquals("invalid_grant", error(late));
        assertTrue(late.body().contains("expired"));
    }

    @Test
    void aCodeStillWorksJustBeforeFiveMinutes() throws Exception {
        String code = client.code(Track.TEST, TestMembers.MAYTE, Map.of());
        sandbox.clock().advance(Duration.ofMinutes(4).plusSeconds(50));

        assertEquals(200, client.token(Map.of("grant_type", "authorization_code", "code", code)).statusCode());
    }

    @Test
    void redirectUriAtTheTokenEndpointMustMatchWhenSent() throws Exception {
        String code = client.code(Track.TEST, TestMembers.MAYTE, Map.of());

        HttpResponse<String> mismatch = client.token(Map.of("grant_type", "authorization_code", "code", code,
            "redirect_uri", "http://localhost:9999/other"));

        assertEquals("invalid_grant", error(mismatch));
    }

    @Test
    void pkceIsEnforcedWhenTheAuthorizeRequestCarriedAChallenge() throws Exception {
        Map<String, String> pkce = Map.of("code_challenge", CHALLENGE, "code_challenge_method", "S256");
        String withoutVerifier = client.code(Track.TEST, TestMembers.MAYTE, pkce);
        String wrongVerifier = client.code(Track.TEST, TestMembers.MAYTE, pkce);
        String rightVerifier = client.code(Track.TEST, TestMembers.MAYTE, pkce);

        assertEquals("invalid_grant", error(client.token(Map.of("grant_type", "authorization_code",
            "code", withoutVerifier))));
        assertEquals("invalid_grant", error(client.token(Map.of("grant_type", "authorization_code",
            "code", wrongVerifier, "code_verifier", VERIFIER.replace('d', 'e')))));
        assertEquals(200, client.token(Map.of("grant_type", "authorization_code", "code", rightVerifier,
            "code_verifier", VERIFIER)).statusCode());
    }

    @Test
    void refreshRotatesTheRefreshToken() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.GEORGE);
        String oldRefresh = tokens.get("refresh_token").asText();

        HttpResponse<String> refreshed = client.token(Map.of("grant_type", "refresh_token", "refresh_token",
            oldRefresh));
        HttpResponse<String> reused = client.token(Map.of("grant_type", "refresh_token", "refresh_token", oldRefresh));

        assertEquals(200, refreshed.statusCode());
        JsonNode fresh = SandboxClient.JSON.readTree(refreshed.body());
        assertNotEquals(oldRefresh, fresh.get("refresh_token").asText());
        assertEquals(TestMembers.GEORGE.patientId(), fresh.get("patient").asText());
        assertEquals("user/*.read", fresh.get("scope").asText());
        assertEquals("invalid_grant", error(reused));
    }

    @Test
    void refusedRefreshesAnswerInvalidGrant() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.GEORGE);
        sandbox.controls().refuseRefreshes(true);

        HttpResponse<String> refused = client.token(Map.of("grant_type", "refresh_token",
            "refresh_token", tokens.get("refresh_token").asText()));

        assertEquals(400, refused.statusCode());
        assertEquals("invalid_grant", error(refused));
    }

    @Test
    void patientContextCanBeLeftOutLikeSomePlansDo() throws Exception {
        sandbox.controls().patientContextSent(false);

        assertFalse(client.tokensFor(Track.TEST, TestMembers.GEORGE).has("patient"));
    }

    @Test
    void accessTokenLifetimeIsConfigurable() throws Exception {
        sandbox.controls().accessTokenLifetime(Duration.ofSeconds(5));

        assertEquals(5, client.tokensFor(Track.TEST, TestMembers.GEORGE).get("expires_in").asInt());
    }

    @Test
    void wrongClientSecretIsInvalidClient() throws Exception {
        HttpResponse<String> response = client.token(Map.of("grant_type", "refresh_token", "refresh_token", "x",
            "client_secret", "wrong"));

        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", error(response));
    }

    @Test
    void missingClientCredentialsAreRefusedNamingTheAcceptedMethods() throws Exception {
        HttpResponse<String> response = client.post(sandbox.urls().token(), Map.of("grant_type", "refresh_token"));

        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", error(response));
        assertTrue(response.body().contains("client_secret_post"), response.body());
    }

    @Test
    void unknownGrantTypeIsUnsupported() throws Exception {
        assertEquals("unsupported_grant_type", error(client.token(Map.of("grant_type", "password"))));
    }

    @Test
    void tokenResponsesAreNotCacheable() throws Exception {
        String code = client.code(Track.TEST, TestMembers.MAYTE, Map.of());
        HttpResponse<String> response = client.token(Map.of("grant_type", "authorization_code", "code", code));

        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return SandboxClient.JSON.readTree(response.body()).path("error").asText();
    }

    private static boolean signatureVerifies(String[] jwt) throws Exception {
        JsonNode key = SandboxClient.JSON.readTree(client.get(sandbox.urls().jwks()).body()).get("keys").get(0);
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
            new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asText())),
            new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").asText()))));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(publicKey);
        signature.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(jwt[2]));
    }
}
