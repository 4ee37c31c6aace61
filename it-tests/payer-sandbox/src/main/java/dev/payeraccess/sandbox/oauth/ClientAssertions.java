package dev.payeraccess.sandbox.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.jose.JoseException;
import dev.payeraccess.sandbox.jose.JsonWebKey;
import dev.payeraccess.sandbox.jose.JwsAlgorithm;
import dev.payeraccess.sandbox.jose.RemoteJwks;
import dev.payeraccess.sandbox.jose.SignedJwt;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523 section 3, as SMART App Launch's asymmetric
 * client authentication profiles it): signed with a key from the client's registered JWKS, {@code iss} and
 * {@code sub} the client id, {@code aud} the endpoint's URL, unexpired, and each {@code jti} used once.
 * Every failure is {@code invalid_client}; no description repeats the assertion.
 */
final class ClientAssertions {

    /** Clock skew allowed on {@code exp} and {@code nbf}. */
    static final Duration SKEW = Duration.ofSeconds(60);

    private final RegisteredClients clients;
    private final SandboxControls controls;
    private final RemoteJwks jwks;
    private final Clock clock;
    /** {@code iss + " " + jti} of accepted assertions, kept until they would have expired anyway. */
    private final ConcurrentMap<String, Instant> usedJtis = new ConcurrentHashMap<>();

    /**
     * @param clock the real clock, not the {@code SandboxClock}: the client stamps {@code exp} with its own time,
     *     and a test that moves the plan's clock forward to expire tokens must not make every assertion look
     *     expired
     */
    ClientAssertions(RegisteredClients clients, SandboxControls controls, RemoteJwks jwks, Clock clock) {
        this.clients = clients;
        this.controls = controls;
        this.jwks = jwks;
        this.clock = clock;
    }

    /**
     * @param audiences the endpoint URLs the assertion may name as {@code aud}: the token endpoint's, and for
     *     revocation also the revocation endpoint's
     */
    RegisteredClient verify(PresentedCredentials.Assertion presented, List<String> audiences) throws OAuthError {
        SignedJwt jwt = parse(presented.jwt());
        JwsAlgorithm alg = JwsAlgorithm.named(jwt.alg()).orElseThrow(() -> OAuthError.invalidClient("Client "
            + "assertion alg '" + shown(jwt.alg()) + "' is not accepted: sign with RS256, RS384, ES256 or ES384."));
        RegisteredClient client = issuer(jwt.claims(), presented.clientId());
        checkSignature(jwt, alg, client);
        checkAudience(jwt.claims(), audiences);
        Instant expires = checkTimes(jwt.claims());
        spendJti(jwt.claims(), client, expires);
        controls.recordClientAssertionAlg(alg.name());
        return client;
    }

    /** The header's alg as the description names it; whatever a caller put there, kept short. */
    private static String shown(String alg) {
        return alg.matches("[A-Za-z0-9+_-]{1,16}") ? alg : "(unreadable)";
    }

    private static SignedJwt parse(String assertion) throws OAuthError {
        try {
            return SignedJwt.parse(assertion);
        } catch (JoseException e) {
            throw OAuthError.invalidClient("client_assertion is not a signed JWT: " + e.getMessage() + ".");
        }
    }

    /** RFC 7523 3: {@code iss} and {@code sub} are both the client id, and the form's client_id agrees. */
    private RegisteredClient issuer(JsonNode claims, Optional<String> formClientId) throws OAuthError {
        String iss = claims.path("iss").asText("");
        if (iss.isEmpty() || !iss.equals(claims.path("sub").asText(""))) {
            throw OAuthError.invalidClient("Client assertion iss and sub must both be the client_id.");
        }
        if (formClientId.isPresent() && !formClientId.get().equals(iss)) {
            throw OAuthError.invalidClient("client_id does not match the client assertion's iss and sub.");
        }
        return clients.byId(iss).orElseThrow(() -> OAuthError.invalidClient(
            "Unknown client: the client assertion's iss is not a client registered with this plan."));
    }

    private void checkSignature(SignedJwt jwt, JwsAlgorithm alg, RegisteredClient client) throws OAuthError {
        URI url = controls.clientJwksUrl(client.clientId()).orElseThrow(() -> OAuthError.invalidClient(
            "No JWKS is registered for client " + client.clientId() + ", so its client assertions cannot be "
                + "verified. Register the client's public keys with the plan."));
        String kid = jwt.kid().orElseThrow(() -> OAuthError.invalidClient(
            "Client assertion header has no kid: name the key from the client's JWKS that signed it."));
        JsonWebKey key;
        try {
            key = jwks.key(url, kid).orElseThrow(() -> OAuthError.invalidClient(
                "The client's JWKS has no usable signing key with kid '" + kid + "'."));
        } catch (JoseException e) {
            throw OAuthError.invalidClient("Client assertion cannot be verified: " + e.getMessage() + ".");
        }
        if (!jwt.isSignedBy(key, alg)) {
            throw OAuthError.invalidClient("Client assertion signature does not verify with key '" + kid
                + "' as " + alg.name() + ".");
        }
    }

    /** Keycloak's broker sends the token endpoint URL, as RFC 7523 3 suggests; one string or an array. */
    private static void checkAudience(JsonNode claims, List<String> audiences) throws OAuthError {
        JsonNode aud = claims.path("aud");
        List<String> named = new ArrayList<>();
        if (aud.isTextual()) {
            named.add(aud.asText());
        }
        aud.forEach(a -> named.add(a.asText()));
        boolean matches = named.stream().anyMatch(a -> audiences.stream().anyMatch(url -> PlanAddresses.same(a, url)));
        if (!matches) {
            throw OAuthError.invalidClient("Client assertion aud must be this plan's token endpoint URL "
                + audiences.get(0) + ".");
        }
    }

    private Instant checkTimes(JsonNode claims) throws OAuthError {
        if (!claims.path("exp").isNumber()) {
            throw OAuthError.invalidClient("Client assertion exp is required.");
        }
        Instant now = clock.instant();
        Instant expires = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!expires.plus(SKEW).isAfter(now)) {
            throw OAuthError.invalidClient("Client assertion expired: exp is in the past.");
        }
        boolean early = claims.path("nbf").isNumber()
            && Instant.ofEpochSecond(claims.path("nbf").asLong()).minus(SKEW).isAfter(now);
        if (early) {
            throw OAuthError.invalidClient("Client assertion is not valid yet: nbf is in the future.");
        }
        return expires;
    }

    /** Last, so an assertion refused for another reason does not use up its jti. */
    private void spendJti(JsonNode claims, RegisteredClient client, Instant expires) throws OAuthError {
        String jti = claims.path("jti").asText("");
        if (jti.isEmpty()) {
            throw OAuthError.invalidClient("Client assertion jti is required: a unique id per assertion.");
        }
        Instant now = clock.instant();
        usedJtis.values().removeIf(keptUntil -> keptUntil.isBefore(now));
        if (usedJtis.putIfAbsent(client.clientId() + " " + jti, expires.plus(SKEW)) != null) {
            throw OAuthError.invalidClient("Client assertion jti was already used: each assertion works once.");
        }
    }
}
