package dev.payeraccess.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

/**
 * A plan's OAuth 2.0 token endpoint and its RFC 7009 revocation endpoint: redeeming the authorization
 * code at once (codes live five minutes), renewing the access token with the refresh token, and revoking
 * on unlink, each authenticated as the plan's client by its {@link ClientAuthentication}. Failures
 * become {@link PlanProblem}s; the plan's bodies are never logged, only its RFC 6749 {@code error} code.
 */
public final class PlanTokenEndpoint {

    private static final Logger LOG = Logger.getLogger(PlanTokenEndpoint.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** A token answer is small; a bigger answer is refused. */
    private static final long MAX_ANSWER_BYTES = 1024 * 1024;

    private final KeycloakSession session;
    private final PlanEndpoints plan;
    private final PlanConnections connections;

    public PlanTokenEndpoint(KeycloakSession session, PlanEndpoints plan) {
        this(session, plan, session.getProvider(PlanConnections.class));
    }

    /** @param connections the node's new-connection client and where it may call ({@link PlanConnections}) */
    PlanTokenEndpoint(KeycloakSession session, PlanEndpoints plan, PlanConnections connections) {
        this.session = session;
        this.plan = plan;
        this.connections = connections;
    }

    /** Exchanges the code the plan sent back for the member's tokens (RFC 6749 section 4.1.3). */
    public PlanTokenResponse redeem(String code, String redirectUri, Optional<String> codeVerifier) throws PlanProblem {
        SimpleHttpRequest request = post(plan.tokenUrl(), "token endpoint")
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
        SimpleHttpRequest request = post(plan.tokenUrl(), "token endpoint")
            .param("grant_type", "refresh_token")
            .param("refresh_token", refreshToken);
        try {
            return Optional.of(tokens(request));
        } catch (PlanProblem e) {
            if (e.kind() == PlanProblem.Kind.REFUSED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@link #refresh(String)}, sent once more when the plan cannot have acted on the first attempt (nothing of it
     * was sent, or the plan answered 500 or 503 without asking to wait) and {@code within} holds a whole second
     * attempt. Never more, and never after a failure that may have reached the plan: a refresh the plan received may
     * have spent a rotating refresh token, and sending it again would be refused, ending a grant that was fine.
     *
     * @param within how long both attempts may take together
     */
    public Optional<PlanTokenResponse> refresh(String refreshToken, Duration within) throws PlanProblem {
        long start = System.nanoTime();
        try {
            return refresh(refreshToken);
        } catch (PlanProblem first) {
            Duration left = within.minus(Duration.ofNanos(System.nanoTime() - start));
            Optional<Duration> timeout = SecondAttempt.timeout(first, left, Duration.ofMillis(plan.timeoutMs()));
            if (timeout.isEmpty() || !paused(SecondAttempt.PAUSE)) {
                throw first;
            }
            LOG.infof("Renewing a member's token at plan %s failed before the plan can have acted on it (%s); "
                + "trying once more", plan.alias(), first.getMessage());
            return new PlanTokenEndpoint(session, plan.withTimeoutMs((int) timeout.get().toMillis()), connections)
                .refresh(refreshToken);
        }
    }

    /**
     * Revokes a token at the plan's RFC 7009 endpoint.
     *
     * @param hint {@code refresh_token} or {@code access_token}
     * @throws PlanProblem when the plan failed, refused or did not answer in time; its message says which
     */
    public void revoke(String token, String hint) throws PlanProblem {
        String endpoint = plan.revocationUrl().orElseThrow(() -> new IllegalStateException(
            "plan " + plan.alias() + " has no revocation endpoint"));
        SimpleHttpRequest request = post(endpoint, "revocation endpoint").param("token", token)
            .param("token_type_hint", hint);
        authenticate(request);
        try (SimpleHttpResponse response = request.asResponse()) {
            // RFC 7009 2.2: 200 whether or not the token was still valid.
            if (response.getStatus() != 200) {
                throw new PlanProblem(PlanProblem.Kind.FAILED, 502, "The health plan did not confirm the revocation.",
                    "the plan answered HTTP " + response.getStatus() + oauthError(response));
            }
        } catch (IOException e) {
            throw PlanProblem.of(e, "revocation endpoint", plan);
        }
    }

    private PlanTokenResponse tokens(SimpleHttpRequest request) throws PlanProblem {
        authenticate(request);
        try (SimpleHttpResponse response = request.asResponse()) {
            // A throttled or paused token endpoint is not a refusal: the grant stands, and the wait is passed on.
            Optional<Duration> wait = RetryAfter.askedBy(response.getStatus(),
                Optional.ofNullable(response.getFirstHeader("Retry-After")),
                Optional.ofNullable(response.getFirstHeader("Date")), Instant.now());
            if (wait.isPresent()) {
                throw PlanProblem.askedToWait(response.getStatus(), wait.get(), "token endpoint", plan);
            }
            if (response.getStatus() != 200) {
                boolean refused = response.getStatus() == 400 || response.getStatus() == 401;
                throw new PlanProblem(refused ? PlanProblem.Kind.REFUSED : PlanProblem.Kind.FAILED,
                    refused ? response.getStatus() : 502,
                        "The health plan could not complete the connection (it answered HTTP "
                    + response.getStatus() + "). Please try again later.",
                    "token endpoint of plan " + plan.alias() + " answered HTTP " + response.getStatus()
                        + oauthError(response), issuedNothing(response.getStatus()));
            }
            return PlanTokenResponse.parse(response.asString());
        } catch (IllegalArgumentException e) {
            throw new PlanProblem(PlanProblem.Kind.FAILED, 502,
                "The health plan sent an answer that is not a valid token. Please try again later.",
                "plan " + plan.alias() + ": " + e.getMessage());
        } catch (IOException e) {
            throw PlanProblem.of(e, "token endpoint", plan);
        }
    }

    /**
     * Whether an error answer says the plan did not do the work: RFC 6749 5.2 issues no token with an error, and a 500
     * or 503 is the plan (or the balancer in front of it) saying it failed or is down. A 502 or 504 is a gateway
     * that lost the plan's answer or stopped waiting for it, while the plan may have acted.
     */
    static boolean issuedNothing(int status) {
        return status == 500 || status == 503;
    }

    /**
     * A new connection for each call: a call sent on a pooled connection that the plan's side closed while it was
     * idle fails after it was sent, and a refresh that may have reached the plan cannot be sent again (it may have
     * spent the rotating refresh token). Token calls are rare (one per token lifetime), so a connection each is cheap.
     */
    private SimpleHttpRequest post(String url, String what) throws PlanProblem {
        try {
            return PlanHttp.post(connections, url, plan.timeoutMs(), MAX_ANSWER_BYTES);
        } catch (RefusedTarget e) {
            // Checked before the client secret or a code is put on the request: nothing is sent anywhere.
            throw PlanProblem.of(e, what, plan);
        }
    }

    /** Whether {@code time} passed; false when the thread was interrupted meanwhile (it stays interrupted). */
    private static boolean paused(Duration time) {
        try {
            Thread.sleep(time.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** As the plan's {@link ClientAuthentication} says, the same for every call of this class. */
    private void authenticate(SimpleHttpRequest request) {
        plan.clientAuthentication().authenticate(session, request);
    }

    /** The RFC 6749 {@code error} code only: a short, known vocabulary that carries no member data. */
    private static String oauthError(SimpleHttpResponse response) {
        try {
            JsonNode error = PlanJson.tree(response.asString()).get("error");
            if (error == null || !error.isTextual() || !error.asText().matches("[a-z_]{1,40}")) {
                return "";
            }
            return " (" + error.asText() + PlanErrorHints.token(error.asText()).map(hint -> ": " + hint).orElse("")
                + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
