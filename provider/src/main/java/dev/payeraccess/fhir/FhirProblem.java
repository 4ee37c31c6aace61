package dev.payeraccess.fhir;

import java.util.Objects;
import java.util.Optional;

/**
 * A failure the extension answers with a FHIR {@code OperationOutcome}: the HTTP status, the FHIR issue
 * type, the short code Keycloak's event records as the error, and a diagnostic for the app developer.
 * Built only through the named factories below, so each kind of failure has one status, one issue type
 * and one audit code everywhere.
 *
 * <p>The diagnostic is shown to the calling app. It must never carry a token, a secret or a member's
 * data: build it from what the caller sent and from the product's own words, never from a plan's raw
 * answer.
 *
 * <p>A closed vocabulary: the constructor is private, so a new kind of failure is a new factory here.
 */
public final class FhirProblem {

    private final int status;
    private final String issueType;
    private final String auditCode;
    private final String diagnostics;
    private final Optional<Integer> retryAfterSeconds;

    private FhirProblem(int status, String issueType, String auditCode, String diagnostics) {
        this(status, issueType, auditCode, diagnostics, Optional.empty());
    }

    private FhirProblem(int status, String issueType, String auditCode, String diagnostics,
                        Optional<Integer> retryAfterSeconds) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An OperationOutcome answers errors only, not HTTP " + status);
        }
        this.status = status;
        this.issueType = Objects.requireNonNull(issueType, "issueType");
        this.auditCode = Objects.requireNonNull(auditCode, "auditCode");
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.retryAfterSeconds = Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
    }

    /** The HTTP status, 4xx or 5xx. */
    public int status() {
        return status;
    }

    /** A code of the FHIR {@code issue-type} value set, e.g. {@code not-found}. */
    public String issueType() {
        return issueType;
    }

    /** The {@code error} of the Keycloak event recording the refusal, e.g. {@code scope_refused}. */
    public String auditCode() {
        return auditCode;
    }

    /** For the app developer; never a token, a secret or a member's data. */
    public String diagnostics() {
        return diagnostics;
    }

    /** For 429 and 503: when the app may try again ({@code Retry-After}). */
    public Optional<Integer> retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 400: the request cannot be forwarded as sent (path, parameters, encoding). */
    public static FhirProblem badRequest(String diagnostics) {
        return new FhirProblem(400, "invalid", "invalid_request", diagnostics);
    }

    /** 401: no valid access token of this realm (RFC 6750). */
    public static FhirProblem unauthenticated(String diagnostics) {
        return new FhirProblem(401, "login", "invalid_token", diagnostics);
    }

    /** 403: the token's scopes, the plan's grant or the administrator's allowlist do not allow it. */
    public static FhirProblem forbidden(String diagnostics) {
        return new FhirProblem(403, "forbidden", "scope_refused", diagnostics);
    }

    /**
     * 403: a browser app on a page whose origin is not one of its client's Web origins; the diagnostic names the
     * client and the fix.
     */
    public static FhirProblem originRefused(String diagnostics) {
        return new FhirProblem(403, "forbidden", "origin_refused", diagnostics);
    }

    /** 404: no such plan or path. */
    public static FhirProblem notFound(String diagnostics) {
        return new FhirProblem(404, "not-found", "not_found", diagnostics);
    }

    /**
     * 404: a resource a {@code patient/} caller may not see (another patient's): answered as the plan answers an id
     * it does not know, so the app learns nothing of whether it exists; the audit tells the administrator why.
     */
    public static FhirProblem otherPatientsResource(String diagnostics) {
        return new FhirProblem(404, "not-found", "other_patient", diagnostics);
    }

    /** 404: the user has not linked this plan. */
    public static FhirProblem notLinked(String diagnostics) {
        return new FhirProblem(404, "not-found", "not_linked", diagnostics);
    }

    /** 405: a write to a read-only API. */
    public static FhirProblem methodNotAllowed(String diagnostics) {
        return new FhirProblem(405, "not-supported", "method_not_allowed", diagnostics);
    }

    /** 409: the plan no longer accepts the member's stored authorization; the member must link it again. */
    public static FhirProblem relinkRequired(String diagnostics) {
        return new FhirProblem(409, "conflict", "relink_required", diagnostics);
    }

    /** 415: a body of a type the endpoint does not take. */
    public static FhirProblem unsupportedMediaType(String diagnostics) {
        return new FhirProblem(415, "invalid", "unsupported_media_type", diagnostics);
    }

    /**
     * 429: the caller holds its share of the proxy already, or this server's cap on the plan is reached;
     * {@code Retry-After} says when to try again.
     */
    public static FhirProblem tooManyRequests(String diagnostics, int retryAfterSeconds) {
        return new FhirProblem(429, "throttled", "too_many_requests", diagnostics, Optional.of(retryAfterSeconds));
    }

    /**
     * 429: the plan itself asked this server to slow down (its own 429), and the wait it asked for is not over.
     * Its own audit code, so an administrator tells a plan that throttles (lower the plan's caps, or ask the plan
     * for more) from apps that exceed this server's caps ({@code too_many_requests}).
     */
    public static FhirProblem planThrottled(String diagnostics, int retryAfterSeconds) {
        return new FhirProblem(429, "throttled", "plan_throttled", diagnostics, Optional.of(retryAfterSeconds));
    }

    /** 503: the plan said it is down for a while (its 503 with {@code Retry-After}), and that while is not over. */
    public static FhirProblem planTemporarilyUnavailable(String diagnostics, int retryAfterSeconds) {
        return new FhirProblem(503, "transient", "plan_unavailable", diagnostics, Optional.of(retryAfterSeconds));
    }

    /** 500: this server failed; the server log says why. */
    public static FhirProblem serverError(String diagnostics) {
        return new FhirProblem(500, "exception", "server_error", diagnostics);
    }

    /** 502: the plan answered with an error or with something that is not FHIR. */
    public static FhirProblem planError(String diagnostics) {
        return new FhirProblem(502, "exception", "plan_error", diagnostics);
    }

    /** 502: the plan could not be reached, or failed in a way a retry may cure. */
    public static FhirProblem planUnavailable(String diagnostics) {
        return new FhirProblem(502, "transient", "plan_error", diagnostics);
    }

    /** 502: the plan rejected a token it had just renewed; its grant is likely revoked. */
    public static FhirProblem planRejectedToken(String diagnostics) {
        return new FhirProblem(502, "security", "plan_error", diagnostics);
    }

    /** 504: the plan did not answer in time. */
    public static FhirProblem planTimeout(String diagnostics) {
        return new FhirProblem(504, "timeout", "plan_timeout", diagnostics);
    }

    /** Ends the request with this problem. */
    public FhirProblemException exception() {
        return new FhirProblemException(this);
    }
}
