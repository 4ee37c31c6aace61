package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.sandbox.control.ClientAuthMethod;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code private_key_jwt} (RFC 7523) as SMART App Launch's asymmetric client authentication uses it: the
 * client's public keys are served by a JWKS endpoint, like a Keycloak realm's certs, and each request carries
 * a client assertion signed with one of them.
 */
class ClientAssertionTest extends SandboxTest {

    private static final String CLIENT_ID = SandboxSettings.KEYCLOAK_CLIENT.clientId();

    private static JwksServer jwks;
    private static TestSigningKey rsa;
    private static TestSigningKey ecP384;
    private static TestSigningKey ecP256;

    @BeforeAll
    static void startJwks() throws Exception {
        jwks = JwksServer.start();
        rsa = TestSigningKey.rsa("rsa-1", "RS256");
        ecP384 = TestSigningKey.ec("ec-384", "ES384", "P-384");
        ecP256 = TestSigningKey.ec("ec-256", "ES256", "P-256");
    }

    @AfterAll
    static void stopJwks() {
        jwks.close();
    }

    @BeforeEach
    void registerTheClientsKeys() {
        jwks.publish(rsa, ecP384, ecP256);
        sandbox.controls().clientJwksUrl(CLIENT_ID, jwks.url());
    }

    @Test
    void aSignedAssertionAuthenticatesTheClientForTheCodeExchange() throws Exception {
        String code = client.code(Track.TEST, TestMembers.MAYTE, Map.of());

        HttpResponse<String> response = client.post(sandbox.urls().token(), withAssertion(
            Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", SandboxClient.REDIRECT_URI),
            rsa.sign(claims())));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(SandboxClient.JSON.readTree(response.body()).has("access_token"));
        assertEquals(Optional.of("RS256"), sandbox.controls().lastClientAssertionAlg());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "ES256", "ES384"})
    void everySupportedAlgIsVerifiedAndRecorded(String alg) throws Exception {
        TestSigningKey key = switch (alg) {
            case "ES256" -> ecP256;
            case "ES384" -> ecP384;
            default -> TestSigningKey.rsa("rsa-" + alg, alg);
        };
        jwks.publish(key);

        HttpResponse<String> response = refreshWith(key.sign(claims()));

        assertAuthenticated(response);
        assertEquals(Optional.of(alg), sandbox.controls().lastClientAssertionAlg());
    }

    @Test
    void byDefaultNoAlgIsRecorded() {
        assertEquals(Optional.empty(), sandbox.controls().lastClientAssertionAlg());
    }

    @Test
    void aPrivateKeyJwtOnlyPlanAcceptsTheAssertion() throws Exception {
        sandbox.controls().clientAuthentication(ClientAuthMethod.PRIVATE_KEY_JWT_ONLY);

        assertAuthenticated(refreshWith(ecP384.sign(claims())));
    }

    @Test
    void aPostOnlyPlanRefusesTheAssertion() throws Exception {
        sandbox.controls().clientAuthentication(ClientAuthMethod.CLIENT_SECRET_POST_ONLY);

        assertRefused(refreshWith(rsa.sign(claims())), "This plan authenticates clients with client_secret_post");
    }

    @Test
    void aSignatureByAnotherKeyWithTheSameKidIsRefused() throws Exception {
        assertRefused(refreshWith(rsa.impostor().sign(claims())), "signature does not verify");
    }

    @Test
    void anUnknownKidIsLookedUpOnceMoreThenRefused() throws Exception {
        refreshWith(rsa.sign(claims()));
        int before = jwks.fetches();

        HttpResponse<String> response = refreshWith(TestSigningKey.rsa("not-published", "RS256").sign(claims()));

        assertRefused(response, "no usable signing key with kid 'not-published'");
        assertEquals(before + 1, jwks.fetches(), "one refetch for the missing key");
    }

    @Test
    void aRotatedKeyIsFoundByTheRefetch() throws Exception {
        assertAuthenticated(refreshWith(rsa.sign(claims())));
        TestSigningKey rotated = TestSigningKey.rsa("rsa-2", "RS256");
        jwks.publish(rotated);

        assertAuthenticated(refreshWith(rotated.sign(claims())));
    }

    @Test
    void knownKeysAreNotFetchedForEveryRequest() throws Exception {
        refreshWith(rsa.sign(claims()));
        int before = jwks.fetches();

        assertAuthenticated(refreshWith(rsa.sign(claims())));
        assertEquals(before, jwks.fetches());
    }

    @Test
    void theClientsEncryptionKeyNeverVerifies() throws Exception {
        TestSigningKey encryptionKey = jwks.encryptionKey();
        String signed = new TestSigningKey(encryptionKey.kid(), "RS256", encryptionKey.keys(), null).sign(claims());

        assertRefused(refreshWith(signed), "no usable signing key with kid 'enc-key'");
    }

    @Test
    void anEcSignatureByAnotherKeyWithTheSameKidIsRefused() throws Exception {
        assertRefused(refreshWith(ecP384.impostor().sign(claims())), "signature does not verify");
    }

    @Test
    void anEs256KeySigningAsEs384IsRefused() throws Exception {
        TestSigningKey p256ClaimingEs384 = new TestSigningKey(ecP256.kid(), "ES384", ecP256.keys(), "P-256");

        assertRefused(refreshWith(p256ClaimingEs384.sign(claims())), "signature does not verify");
    }

    @Test
    void anExpiredAssertionIsRefused() throws Exception {
        ObjectNode expired = claims().put("exp", Instant.now().minusSeconds(120).getEpochSecond());

        assertRefused(refreshWith(rsa.sign(expired)), "expired");
    }

    @Test
    void anAssertionJustPastExpWithinTheSkewIsAccepted() throws Exception {
        ObjectNode justExpired = claims().put("exp", Instant.now().minusSeconds(10).getEpochSecond());

        assertAuthenticated(refreshWith(rsa.sign(justExpired)));
    }

    @Test
    void theSandboxClockMovingForwardDoesNotExpireTheClientsAssertions() throws Exception {
        sandbox.clock().advance(Duration.ofHours(2));

        assertAuthenticated(refreshWith(rsa.sign(claims())));
    }

    @Test
    void aReplayedJtiIsRefused() throws Exception {
        String assertion = rsa.sign(claims());
        HttpResponse<String> first = refreshWith(assertion);

        HttpResponse<String> replay = refreshWith(assertion);

        assertAuthenticated(first);
        assertRefused(replay, "jti was already used");
    }

    @Test
    void aWrongAudIsRefused() throws Exception {
        ObjectNode forTheFhirServer = claims().put("aud", sandbox.urls().fhirBase());

        assertRefused(refreshWith(rsa.sign(forTheFhirServer)), "aud must be this plan's token endpoint URL");
    }

    @Test
    void audMayBeAnArrayHoldingTheTokenUrl() throws Exception {
        ObjectNode claims = claims();
        claims.putArray("aud").add("https://elsewhere.example").add(sandbox.urls().token());

        assertAuthenticated(refreshWith(rsa.sign(claims)));
    }

    @Test
    void theRevocationEndpointAcceptsItsOwnUrlAsAudTheTokenEndpointDoesNot() throws Exception {
        ObjectNode revocationAud = claims().put("aud", sandbox.urls().revocation());
        ObjectNode revocationAudAgain = claims().put("aud", sandbox.urls().revocation());

        HttpResponse<String> revoked = client.post(sandbox.urls().revocation(),
            withAssertion(Map.of("token", "unknown"), rsa.sign(revocationAud)));
        HttpResponse<String> token = refreshWith(rsa.sign(revocationAudAgain));

        assertEquals(200, revoked.statusCode(), revoked.body());
        assertRefused(token, "aud must be this plan's token endpoint URL");
    }

    @Test
    void theRevocationEndpointAcceptsTheTokenUrlAsAudLikeKeycloakSendsIt() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.MAYTE);

        HttpResponse<String> revoked = client.post(sandbox.urls().revocation(),
            withAssertion(Map.of("token", tokens.get("refresh_token").asText()), rsa.sign(claims())));

        assertEquals(200, revoked.statusCode(), revoked.body());
        assertFalse(sandbox.grants().isActive(tokens.get("refresh_token").asText()));
    }

    @Test
    void algNoneIsRefused() throws Exception {
        assertRefused(refreshWith(TestSigningKey.unsignedJwt(rsa.kid(), claims())), "alg 'none' is not accepted");
    }

    @Test
    void issAndSubMustBothBeTheClientId() throws Exception {
        assertRefused(refreshWith(rsa.sign(claims().put("sub", "someone-else"))), "iss and sub");
    }

    @Test
    void aFormClientIdOtherThanTheIssuerIsRefused() throws Exception {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", "x"));
        form.put("client_id", "someone-else");

        assertRefused(client.post(sandbox.urls().token(), withAssertion(form, rsa.sign(claims()))), "client_id");
    }

    @Test
    void aClientWithoutRegisteredKeysIsRefused() throws Exception {
        sandbox.controls().reset();

        assertRefused(refreshWith(rsa.sign(claims())), "No JWKS is registered for client " + CLIENT_ID);
    }

    @Test
    void aWrongAssertionTypeIsRefused() throws Exception {
        Map<String, String> form = withAssertion(Map.of("grant_type", "refresh_token", "refresh_token", "x"),
            rsa.sign(claims()));
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer");

        assertRefused(client.post(sandbox.urls().token(), form), "client_assertion_type must be");
    }

    /** What Keycloak's broker sends: iss = sub = client id, aud = token URL, a short exp and a fresh jti. */
    private static ObjectNode claims() {
        long now = Instant.now().getEpochSecond();
        return SandboxClient.JSON.createObjectNode().put("iss", CLIENT_ID).put("sub", CLIENT_ID)
            .put("aud", sandbox.urls().token()).put("jti", UUID.randomUUID().toString())
            .put("iat", now).put("exp", now + 60);
    }

    private static HttpResponse<String> refreshWith(String assertion) throws Exception {
        return client.post(sandbox.urls().token(),
            withAssertion(Map.of("grant_type", "refresh_token", "refresh_token", "x"), assertion));
    }

    private static Map<String, String> withAssertion(Map<String, String> form, String assertion) {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        all.put("client_assertion", assertion);
        return all;
    }

    /** Past client authentication: the made-up refresh token is what fails. */
    private static void assertAuthenticated(HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_grant", SandboxClient.JSON.readTree(response.body()).path("error").asText());
    }

    private static void assertRefused(HttpResponse<String> response, String descriptionPart) throws Exception {
        JsonNode error = SandboxClient.JSON.readTree(response.body());
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("invalid_client", error.path("error").asText());
        assertTrue(error.path("error_description").asText().contains(descriptionPart), response.body());
        assertFalse(response.body().contains("eyJ"), "no JWT in the answer: " + response.body());
    }
}
