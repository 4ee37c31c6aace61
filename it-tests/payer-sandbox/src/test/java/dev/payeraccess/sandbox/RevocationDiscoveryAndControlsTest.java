package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import dev.payeraccess.sandbox.control.SandboxControls;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevocationDiscoveryAndControlsTest extends SandboxTest {

    @Test
    void revokingTheRefreshTokenEndsTheWholeGrant() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.SHERIE);

        HttpResponse<String> revoked = client.post(sandbox.urls().revocation(), withClient(Map.of(
            "token", tokens.get("refresh_token").asText(), "token_type_hint", "refresh_token")));

        assertEquals(200, revoked.statusCode());
        assertFalse(sandbox.grants().isActive(tokens.get("refresh_token").asText()));
        assertFalse(sandbox.grants().isActive(tokens.get("access_token").asText()));
    }

    @Test
    void revokingAnUnknownTokenAnswers200AndRevealsNothing() throws Exception {
        HttpResponse<String> response = client.post(sandbox.urls().revocation(), withClient(Map.of("token", "nope")));

        assertEquals(200, response.statusCode());
    }

    @Test
    void anotherClientCannotRevokeTheTokens() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.SHERIE);

        HttpResponse<String> response = client.post(sandbox.urls().revocation(), Map.of(
            "token", tokens.get("refresh_token").asText(), "client_id", "other", "client_secret", "x"));

        assertEquals(401, response.statusCode());
        assertTrue(sandbox.grants().isActive(tokens.get("refresh_token").asText()));
    }

    /**
     * A member disconnects the app on the plan's "connected apps" page: the app's refresh token is then answered
     * {@code invalid_grant}, and the member's other apps and other members' grants are untouched.
     */
    @Test
    void aMemberDisconnectsTheAppOnThePlansConnectedAppsPage() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.DELMAR);
        JsonNode others = client.tokensFor(Track.TEST, TestMembers.GEORGE);
        String page = sandbox.urls().base() + "/account/connected-apps";
        Map<String, String> member = Map.of("memberId", TestMembers.DELMAR.memberId(), "lastName",
            TestMembers.DELMAR.lastName(), "birthDate", "05/15/1961");

        assertTrue(client.post(page, Map.of("memberId", "03-testmemid", "lastName", "Tromp100",
            "birthDate", "01/01/2000")).body().contains("could not find a member"));
        String listed = client.post(page, member).body();
        assertTrue(listed.contains("data-client-id=\"" + SandboxSettings.KEYCLOAK_CLIENT.clientId() + "\""), listed);
        Map<String, String> disconnect = new HashMap<>(member);
        disconnect.put("action", "disconnect");
        disconnect.put("clientId", SandboxSettings.KEYCLOAK_CLIENT.clientId());
        String after = client.post(page, disconnect).body();

        assertTrue(after.contains("is disconnected") && after.contains("No app is connected"), after);
        HttpResponse<String> refresh = client.token(Map.of("grant_type", "refresh_token", "refresh_token",
            tokens.get("refresh_token").asText()));
        assertEquals(400, refresh.statusCode());
        assertTrue(refresh.body().contains("invalid_grant"), refresh.body());
        assertEquals(401, client.fhirGet("/Patient", tokens.get("access_token").asText()).statusCode());
        assertTrue(sandbox.grants().isActive(others.get("refresh_token").asText()), "another member's grant");
    }

    @Test
    void revokeAllEndsEveryGrant() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);

        sandbox.grants().revokeAll();

        assertFalse(sandbox.grants().isActive(tokens.get("access_token").asText()));
    }

    @Test
    void accessTokensExpire() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);

        sandbox.clock().advance(Duration.ofHours(1).plusSeconds(1));

        assertFalse(sandbox.grants().isActive(tokens.get("access_token").asText()));
        assertTrue(sandbox.grants().isActive(tokens.get("refresh_token").asText()),
            "refresh tokens outlive access tokens");
    }

    @Test
    void smartConfigurationNamesTheEndpointsAndCanBeSwitchedOff() throws Exception {
        String url = sandbox.urls().fhirBase() + "/.well-known/smart-configuration";
        JsonNode doc = SandboxClient.JSON.readTree(client.get(url).body());

        assertEquals(sandbox.urls().authorize(Track.TEST), doc.get("authorization_endpoint").asText());
        assertEquals(sandbox.urls().token(), doc.get("token_endpoint").asText());
        assertEquals(sandbox.urls().revocation(), doc.get("revocation_endpoint").asText());
        assertEquals("S256", doc.get("code_challenge_methods_supported").get(0).asText());

        sandbox.controls().smartConfigurationPublished(false);
        assertEquals(404, client.get(url).statusCode());
    }

    @Test
    void injectedTokenEndpointFailuresLastForTheRequestedCount() throws Exception {
        sandbox.controls().failNext(Area.TOKEN, 1, Fault.status(503));

        HttpResponse<String> failed = client.token(Map.of("grant_type", "refresh_token", "refresh_token", "x"));
        HttpResponse<String> normal = client.token(Map.of("grant_type", "refresh_token", "refresh_token", "x"));

        assertEquals(503, failed.statusCode());
        assertEquals("server_error", SandboxClient.JSON.readTree(failed.body()).get("error").asText());
        assertEquals(400, normal.statusCode(), "back to the real answer after one failure");
    }

    @Test
    void garbageFaultAnswersWithSomethingThatIsNotJson() throws Exception {
        sandbox.controls().failNext(Area.TOKEN, 1, Fault.garbage());

        HttpResponse<String> response = client.token(Map.of("grant_type", "refresh_token", "refresh_token", "x"));

        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().startsWith("<html>"));
    }

    @Test
    void latencyDelaysTheAnswer() throws Exception {
        sandbox.controls().latency(Area.TOKEN, Duration.ofMillis(300));

        Instant before = Instant.now();
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", "x"));

        assertTrue(Duration.between(before, Instant.now()).toMillis() >= 300);
    }

    @Test
    void aDelayedAnswerComesAfterThePlanAlreadyRotatedTheRefreshToken() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.SHERIE);
        String refreshToken = tokens.get("refresh_token").asText();
        sandbox.controls().answerDelay(Area.TOKEN, Duration.ofMillis(800));

        java.util.concurrent.CompletableFuture<HttpResponse<String>> answer = java.util.concurrent.CompletableFuture
            .supplyAsync(() -> refresh(refreshToken));
        Thread.sleep(300);
        boolean rotatedBeforeTheAnswer = !sandbox.grants().isActive(refreshToken) && !answer.isDone();
        HttpResponse<String> renewed = answer.get();

        assertTrue(rotatedBeforeTheAnswer, "the old refresh token was spent while the answer was held");
        assertEquals(200, renewed.statusCode(), renewed.body());
        assertTrue(sandbox.grants()
            .isActive(SandboxClient.JSON.readTree(renewed.body()).get("refresh_token").asText()));
    }

    private HttpResponse<String> refresh(String refreshToken) {
        try {
            return client.token(withClient(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requestsAreCountedAndRecordedPerEndpoint() throws Exception {
        client.tokensFor(Track.TEST, TestMembers.MAYTE);

        assertEquals(2, sandbox.controls().requestCount(Area.AUTHORIZE), "page shown, then posted");
        assertEquals(1, sandbox.controls().requestCount(Area.TOKEN));
        assertEquals(0, sandbox.controls().requestCount(Area.FHIR));
        assertEquals("POST", sandbox.controls().requests(Area.TOKEN).get(0).method());
        assertTrue(sandbox.controls().requests(Area.TOKEN).get(0).header("Content-Type").isPresent());
    }

    @Test
    void standaloneOptionsAreParsed() {
        SandboxSettings settings = SandboxMain.parse(new String[] {"--port", "8123", "--client-id", "app",
            "--client-secret", "s3cret", "--redirect-uri", "https://app.example/cb"});

        assertEquals(8123, settings.port());
        assertEquals("app", settings.clients().get(0).clientId());
        assertTrue(settings.clients().get(0).acceptsRedirect("https://app.example/cb"));
        assertFalse(settings.clients().get(0).acceptsRedirect("https://app.example/other"));
    }

    @Test
    void probeLatencyDelaysTheTwoDocumentsAHealthProbeReadsAndNothingElse() {
        String[] args = {"--port", "8123", "--probe-latency-ms", "300"};
        SandboxMain.parse(args);
        SandboxControls controls = new SandboxControls().probeLatency(SandboxMain.probeLatency(args).orElseThrow());

        assertEquals(Duration.ofMillis(300), controls.latency(Area.FHIR, "/r4/metadata"));
        assertEquals(Duration.ofMillis(300), controls.latency(Area.FHIR, "/r4/.well-known/smart-configuration"));
        assertEquals(Duration.ZERO, controls.latency(Area.FHIR, "/r4/Patient/sherie778-fahey393"));
    }

    private static Map<String, String> withClient(Map<String, String> form) {
        Map<String, String> all = new java.util.LinkedHashMap<>(form);
        all.put("client_id", SandboxSettings.KEYCLOAK_CLIENT.clientId());
        all.put("client_secret", SandboxSettings.KEYCLOAK_CLIENT.clientSecret());
        return all;
    }
}
