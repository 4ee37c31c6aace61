package dev.payeraccess.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.http.conn.ConnectTimeoutException;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * The calls to a plan's token endpoint and, during linking, its FHIR API: exchanging the authorization
 * code at once (codes live five minutes) with {@code client_secret_post}, renewing the access token with
 * the refresh token, and, when the plan did not say who the member is, reading
 * {@code {fhirBaseUrl}/Patient}. Failures become {@link PlanProblem}s; plan bodies are never logged.
 */
public final class PlanLinkExchange {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token answer or a one-member Patient search is small; a bigger answer is refused. */
    private static final long MAX_ANSWER_BYTES = 1024 * 1024;

    private final KeycloakSession session;
    private final PayerIdentityProviderConfig config;

    public PlanLinkExchange(KeycloakSession session, PayerIdentityProviderConfig config) {
        this.session = session;
        this.config = config;
    }

    PlanTokenResponse redeem(String code, String redirectUri, Optional<String> codeVerifier) throws PlanProblem {
        SimpleHttpRequest request = http().doPost(config.getTokenUrl())
            .param("grant_type", "authorization_code")
            .param("code", code)
            .param("redirect_uri", redirectUri);
        codeVerifier.ifPresent(v -> request.param("code_verifier", v));
        return tokens(request);
    }

    /**
     * Renews the member's access token (RFC 6749 section 6).
     *
     * @return the plan's answer, or empty when the plan refused the refresh token (HTTP 400 or 401, e.g.
     *     {@code invalid_grant}): the grant is gone and only a new link can restore access
     * @throws PlanProblem when the plan failed, timed out or answered something that is not a token
     */
    public Optional<PlanTokenResponse> refresh(String refreshToken) throws PlanProblem {
        SimpleHttpRequest request = http().doPost(config.getTokenUrl())
            .param("grant_type", "refresh_token")
            .param("refresh_token", refreshToken);
        try {
            return Optional.of(tokens(request));
        } catch (PlanProblem e) {
            if (e.status() == 400 || e.status() == 401) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Revokes a token at the plan's RFC 7009 endpoint.
     *
     * @param hint {@code refresh_token} or {@code access_token}
     * @throws PlanProblem when the plan failed, refused or did not answer in time; its message says which
     */
    public void revoke(String revocationUrl, String token, String hint) throws PlanProblem {
        SimpleHttpRequest request = http().doPost(revocationUrl).param("token", token).param("token_type_hint", hint);
        authenticate(request);
        try (SimpleHttpResponse response = request.asResponse()) {
            // RFC 7009 2.2: 200 whether or not the token was still valid.
            if (response.getStatus() != 200) {
                throw new PlanProblem(502, "The health plan did not confirm the revocation.",
                    "the plan answered HTTP " + response.getStatus() + oauthError(response));
            }
        } catch (IOException e) {
            throw unreachable(e, "revocation endpoint");
        }
    }

    private PlanTokenResponse tokens(SimpleHttpRequest request) throws PlanProblem {
        authenticate(request);
        try (SimpleHttpResponse response = request.asResponse()) {
            if (response.getStatus() != 200) {
                boolean refused = response.getStatus() == 400 || response.getStatus() == 401;
                throw new PlanProblem(refused ? response.getStatus() : 502, "The health plan could not complete the connection (it answered HTTP "
                    + response.getStatus() + "). Please try again later.",
                    "token endpoint of plan " + config.getAlias() + " answered HTTP " + response.getStatus()
                        + oauthError(response));
            }
            return PlanTokenResponse.parse(response.asString());
        } catch (IllegalArgumentException e) {
            throw new PlanProblem(502, "The health plan sent an answer that is not a valid token. Please try again later.",
                "plan " + config.getAlias() + ": " + e.getMessage());
        } catch (IOException e) {
            throw unreachable(e, "token endpoint");
        }
    }

    /** The one Patient a member-scoped token can read, for plans that name the member nowhere else. */
    Optional<String> onlyPatientId(String accessToken) throws PlanProblem {
        String url = config.fhirBaseUrl().orElseThrow() + "/Patient";
        try (SimpleHttpResponse response = http().doGet(url).header("Accept", "application/fhir+json")
            .auth(accessToken).asResponse()) {
            if (response.getStatus() != 200) {
                return Optional.empty();
            }
            List<String> ids = patientIds(JSON.readTree(response.asString()));
            return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
        } catch (IOException e) {
            if (isTimeout(e)) {
                throw unreachable(e, "FHIR API");
            }
            return Optional.empty();
        }
    }

    private static List<String> patientIds(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if ("Patient".equals(resource.path("resourceType").asText()) && resource.hasNonNull("id")) {
                ids.add(resource.get("id").asText());
            }
        }
        return ids;
    }

    private SimpleHttp http() {
        return PlanHttp.bounded(session, config.upstreamTimeoutMs(), MAX_ANSWER_BYTES);
    }

    /** {@code client_secret_post} as the seeds' plans expect, or HTTP Basic when configured; vault references resolve. */
    private void authenticate(SimpleHttpRequest request) {
        try (VaultStringSecret secret = session.vault().getStringSecret(config.getClientSecret())) {
            String clientSecret = secret.get().orElse(config.getClientSecret());
            if ("client_secret_basic".equals(config.getClientAuthMethod())) {
                request.authBasic(config.getClientId(), clientSecret);
            } else {
                request.param("client_id", config.getClientId()).param("client_secret", clientSecret);
            }
        }
    }

    /** The RFC 6749 {@code error} code only: a short, known vocabulary that carries no member data. */
    private static String oauthError(SimpleHttpResponse response) {
        try {
            JsonNode error = JSON.readTree(response.asString()).get("error");
            return error != null && error.isTextual() && error.asText().matches("[a-z_]{1,40}")
                ? " (" + error.asText() + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private PlanProblem unreachable(IOException e, String what) {
        if (isTimeout(e)) {
            return new PlanProblem(504, "The health plan did not answer in time. Please try again later.",
                what + " of plan " + config.getAlias() + " timed out after " + config.upstreamTimeoutMs() + " ms");
        }
        return new PlanProblem(502, "The health plan could not be reached. Please try again later.",
            what + " of plan " + config.getAlias() + " unreachable: " + e.getClass().getSimpleName());
    }

    private static boolean isTimeout(IOException e) {
        return e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException
            || e instanceof InterruptedIOException;
    }
}
