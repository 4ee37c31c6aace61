package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grants that last until revoked, and grants that end like CMS Blue Button's after 13 months. */
class GrantLifetimeTest extends SandboxTest {

    @Test
    void byDefaultAGrantStillRefreshesAfterThirteenMonths() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);
        sandbox.clock().advance(Duration.ofDays(400));

        assertEquals(200, refresh(tokens).statusCode());
    }

    @Test
    void anEndedGrantRefusesRefreshSayingTheAuthorizationPeriodEnded() throws Exception {
        sandbox.controls().grantLifetime(Duration.ofSeconds(5));
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);
        sandbox.clock().advance(Duration.ofSeconds(6));

        HttpResponse<String> refused = refresh(tokens);

        assertEquals(400, refused.statusCode());
        JsonNode error = SandboxClient.JSON.readTree(refused.body());
        assertEquals("invalid_grant", error.get("error").asText());
        assertTrue(error.get("error_description").asText().contains("authorization period ended"), refused.body());
        assertTrue(error.get("error_description").asText().contains("5 seconds"), refused.body());
    }

    @Test
    void tokenAnswersSayWhenTheGrantEndsOnlyWhenAnnouncedAsBlueButtonDoes() throws Exception {
        sandbox.controls().grantLifetime(Duration.ofDays(395));
        assertFalse(client.tokensFor(Track.TEST, TestMembers.MAYTE).has("access_grant_expiration"),
            "most plans do not say");
        sandbox.controls().grantEndAnnounced(true);
        Instant approved = sandbox.clock().instant();
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);

        String end = tokens.path("access_grant_expiration").asText();
        assertTrue(end.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z"), tokens.toString());
        Instant endsAt = Instant.parse(end.replace(' ', 'T'));
        assertTrue(Math.abs(Duration.between(approved.plus(Duration.ofDays(395)), endsAt).toSeconds()) <= 1, end);
        assertEquals(end, SandboxClient.JSON.readTree(refresh(tokens).body()).path("access_grant_expiration").asText(),
            "a renewal states the same end");
    }

    @Test
    void aGrantStillRefreshesJustBeforeItsEnd() throws Exception {
        sandbox.controls().grantLifetime(Duration.ofSeconds(5));
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);
        sandbox.clock().advance(Duration.ofSeconds(3));

        HttpResponse<String> refreshed = refresh(tokens);

        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertTrue(SandboxClient.JSON.readTree(refreshed.body()).get("expires_in").asInt() <= 2,
            "the new access token ends with the grant: " + refreshed.body());
    }

    @Test
    void anEndedGrantsAccessTokensAre401BeforeTheirOwnExpiry() throws Exception {
        sandbox.controls().grantLifetime(Duration.ofSeconds(5));
        String accessToken = client.tokensFor(Track.TEST, TestMembers.MAYTE).get("access_token").asText();
        int before = client.fhirGet("/Coverage", accessToken).statusCode();
        sandbox.clock().advance(Duration.ofSeconds(6));

        HttpResponse<String> after = client.fhirGet("/Coverage", accessToken);

        assertEquals(200, before);
        assertEquals(401, after.statusCode());
        assertTrue(after.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }

    @Test
    void accessTokensIssuedNearTheEndOfAGrantExpireWithIt() throws Exception {
        sandbox.controls().grantLifetime(Duration.ofMinutes(30));

        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);

        int expiresIn = tokens.get("expires_in").asInt();
        assertTrue(expiresIn > 1790 && expiresIn <= 1800, "capped from the usual 3600: " + expiresIn);
    }

    @Test
    void aLimitSetAfterTheMemberConnectedAppliesToTheirGrant() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);
        sandbox.clock().advance(Duration.ofDays(397));

        sandbox.controls().grantLifetime(Duration.ofDays(396));

        assertEquals("invalid_grant", SandboxClient.JSON.readTree(refresh(tokens).body()).path("error").asText());
        assertFalse(sandbox.grants().isActive(tokens.get("refresh_token").asText()));
    }

    private static HttpResponse<String> refresh(JsonNode tokens) throws Exception {
        return client.token(Map.of("grant_type", "refresh_token", "refresh_token",
            tokens.get("refresh_token").asText()));
    }
}
