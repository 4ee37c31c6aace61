package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a token answer carries at a well-behaved plan, and at plans that leave parts of it out. */
class TokenAnswerQuirksTest extends SandboxTest {

    private static final Map<String, String> OPENID = Map.of("scope", "openid patient/*.read");

    @Test
    void byDefaultEveryAnswerCarriesANewOneTimeRefreshToken() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.SHERIE);
        String first = tokens.get("refresh_token").asText();

        JsonNode refreshed = SandboxClient.JSON.readTree(refresh(first).body());

        assertNotEquals(first, refreshed.get("refresh_token").asText());
        assertEquals("invalid_grant", error(refresh(first)), "a used refresh token is spent");
    }

    @Test
    void aPlanThatIssuesNoRefreshTokensLeavesThemOutOfTheCodeAnswer() throws Exception {
        sandbox.controls().refreshTokensIssued(false);

        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.SHERIE);

        assertFalse(tokens.has("refresh_token"), tokens.toString());
        assertTrue(tokens.has("access_token"));
    }

    @Test
    void aPlanThatStopsIssuingRefreshTokensLeavesThemOutOfTheRefreshAnswer() throws Exception {
        String refreshToken = client.tokensFor(Track.TEST, TestMembers.SHERIE).get("refresh_token").asText();
        sandbox.controls().refreshTokensIssued(false);

        HttpResponse<String> refreshed = refresh(refreshToken);

        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertFalse(SandboxClient.JSON.readTree(refreshed.body()).has("refresh_token"));
        assertEquals("invalid_grant", error(refresh(refreshToken)), "the last refresh token was spent");
    }

    @Test
    void byDefaultOpenidBringsAnIdTokenNamingTheMember() throws Exception {
        JsonNode tokens = client.exchange(client.code(Track.TEST, TestMembers.DELMAR, OPENID));

        assertTrue(tokens.has("id_token"));
        assertEquals(TestMembers.DELMAR.patientId(), tokens.get("patient").asText());
    }

    @Test
    void aPlanThatIgnoresOpenidSendsNoIdToken() throws Exception {
        sandbox.controls().idTokenIssued(false);

        JsonNode tokens = client.exchange(client.code(Track.TEST, TestMembers.DELMAR, OPENID));

        assertFalse(tokens.has("id_token"), tokens.toString());
        assertEquals("openid patient/*.read", tokens.get("scope").asText(), "openid is still granted");
    }

    @Test
    void withoutPatientContextAndIdTokenTheAnswerNamesNoMember() throws Exception {
        sandbox.controls().patientContextSent(false).idTokenIssued(false);

        JsonNode tokens = client.exchange(client.code(Track.TEST, TestMembers.DELMAR, OPENID));

        assertFalse(tokens.has("patient"));
        assertFalse(tokens.has("id_token"));
        assertFalse(tokens.toString().contains(TestMembers.DELMAR.patientId()));
        assertEquals(200, client.fhirGet("/Patient", tokens.get("access_token").asText()).statusCode(),
            "the client can still find the member with a Patient search");
    }

    private static HttpResponse<String> refresh(String refreshToken) throws Exception {
        return client.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return SandboxClient.JSON.readTree(response.body()).path("error").asText();
    }
}
