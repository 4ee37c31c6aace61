package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refresh tokens that last until used, and refresh tokens that lapse when unused for a time (an idle lifetime). */
class RefreshTokenIdleLifetimeTest extends SandboxTest {

    @Test
    void byDefaultRefreshTokensDoNotLapseAndAnswersSayNothingOfIt() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);
        sandbox.clock().advance(Duration.ofDays(30));

        assertFalse(tokens.has("refresh_expires_in"), tokens.toString());
        assertEquals(200, refresh(tokens).statusCode());
    }

    @Test
    void aRefreshTokenUnusedForItsIdleLifetimeIsRefused() throws Exception {
        sandbox.controls().refreshTokenIdleLifetime(Duration.ofSeconds(6));
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);
        sandbox.clock().advance(Duration.ofSeconds(7));

        HttpResponse<String> refused = refresh(tokens);

        assertEquals(6, tokens.get("refresh_expires_in").asInt(), tokens.toString());
        assertEquals(400, refused.statusCode());
        JsonNode error = SandboxClient.JSON.readTree(refused.body());
        assertEquals("invalid_grant", error.get("error").asText());
        assertTrue(error.get("error_description").asText().contains("not used for 6 seconds"), refused.body());
        assertFalse(sandbox.grants().isActive(tokens.get("refresh_token").asText()));
    }

    @Test
    void usingTheRefreshTokenInTimeGivesANewOneWithAFreshIdleLifetime() throws Exception {
        sandbox.controls().refreshTokenIdleLifetime(Duration.ofSeconds(6));
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);
        sandbox.clock().advance(Duration.ofSeconds(4));
        HttpResponse<String> renewed = refresh(tokens);
        sandbox.clock().advance(Duration.ofSeconds(4));

        HttpResponse<String> again = refresh(SandboxClient.JSON.readTree(renewed.body()));

        assertEquals(200, renewed.statusCode(), renewed.body());
        assertEquals(200, again.statusCode(), "8 s after linking, 4 s after the last use: " + again.body());
    }

    private static HttpResponse<String> refresh(JsonNode tokens) throws Exception {
        return client.token(Map.of("grant_type", "refresh_token", "refresh_token",
            tokens.get("refresh_token").asText()));
    }
}
