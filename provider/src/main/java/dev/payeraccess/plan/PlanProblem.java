package dev.payeraccess.plan;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.http.conn.ConnectTimeoutException;

/**
 * A plan failed a call. {@link #memberMessage()} is what a member may read (Keycloak's error page during
 * linking); {@link #getMessage()} is for the server log and the admin. Neither ever contains a token or
 * the plan's body. The proxy maps the {@link Kind} to its own answer for apps.
 */
public final class PlanProblem extends Exception {

    private static final long serialVersionUID = 1L;

    /** How the plan failed. */
    public enum Kind {
        /** It refused the request (HTTP 400 or 401 at its token endpoint, e.g. {@code invalid_grant}). */
        REFUSED,
        /** It answered with an error or with something that is not what was asked for. */
        FAILED,
        /** It could not be reached. */
        UNREACHABLE,
        /** It did not answer within the plan's {@code upstreamTimeoutMs}. */
        TIMEOUT,
        /** Its FHIR API rejected a token it had just renewed: the grant is likely revoked. */
        REJECTED_RENEWED_TOKEN,
        /** Its FHIR API asked for fewer requests (HTTP 429); {@link #retryAfter()} says for how long. */
        THROTTLED,
        /**
         * Its FHIR API said it is down for a while (HTTP 503 with {@code Retry-After}); {@link #retryAfter()} says how
         * long.
         */
        TEMPORARILY_UNAVAILABLE,
        /** The URL is not under the plan's FHIR base or one of its paging hosts: nothing was sent. */
        OUTSIDE_PLAN,
        /**
         * The node's {@link OutboundTargets} refuses the URL (a private or loopback address, or plain http): nothing
         * was sent, and sending it again will not help.
         */
        TARGET_REFUSED
    }

    /** A call that failed on the wire (a timeout, or the plan could not be reached), or was never made. */
    static PlanProblem of(IOException e, String what, PlanEndpoints plan) {
        if (e instanceof RefusedTarget refused) {
            return new PlanProblem(Kind.TARGET_REFUSED, 502, "Keycloak does not call this health plan at the address "
                + "it is configured with. Please tell the administrator.",
                what + " of plan " + plan.alias() + " was not called: " + refused.refusal().toApp(), Optional.empty(),
                Optional.of(refused.refusal()));
        }
        boolean notSent = WireFailure.beforeSending(e);
        if (e instanceof InterruptedIOException
            || e instanceof ConnectTimeoutException) { // socket and connect timeouts
            return new PlanProblem(Kind.TIMEOUT, 504, "The health plan did not answer in time. Please try again later.",
                what + " of plan " + plan.alias() + " timed out after " + plan.timeoutMs() + " ms", notSent);
        }
        return new PlanProblem(Kind.UNREACHABLE, 502, "The health plan could not be reached. Please try again later.",
            what + " of plan " + plan.alias() + " unreachable: " + e.getClass().getSimpleName()
                + (notSent ? " (nothing was sent)" : ""), notSent);
    }

    /** The plan answered 429, or 503 with {@code Retry-After}: it asked to be left alone for {@code wait}. */
    static PlanProblem askedToWait(int status, Duration wait, String what, PlanEndpoints plan) {
        Kind kind = status == 429 ? Kind.THROTTLED : Kind.TEMPORARILY_UNAVAILABLE;
        return new PlanProblem(kind, status, "The health plan asked to be called again later. Please try again in "
            + wait.toSeconds() + " seconds.", what + " of plan " + plan.alias() + " answered HTTP " + status
            + " and asked for " + wait.toSeconds() + " s", Optional.of(wait), true);
    }

    private final Kind kind;
    private final int status;
    private final String memberMessage;
    private final Optional<Duration> retryAfter;
    private final boolean nothingProcessed;
    private final Optional<OutboundTargets.Refusal> refusal;

    PlanProblem(Kind kind, int status, String memberMessage, String logMessage) {
        this(kind, status, memberMessage, logMessage, false);
    }

    /** @param nothingProcessed see {@link #nothingProcessed()} */
    PlanProblem(Kind kind, int status, String memberMessage, String logMessage, boolean nothingProcessed) {
        this(kind, status, memberMessage, logMessage, Optional.empty(), nothingProcessed);
    }

    private PlanProblem(Kind kind, int status, String memberMessage, String logMessage, Optional<Duration> retryAfter,
                        boolean nothingProcessed) {
        this(kind, status, memberMessage, logMessage, retryAfter, nothingProcessed, Optional.empty());
    }

    /** A call never made: nothing processed, by definition. */
    private PlanProblem(Kind kind, int status, String memberMessage, String logMessage, Optional<Duration> retryAfter,
                        Optional<OutboundTargets.Refusal> refusal) {
        this(kind, status, memberMessage, logMessage, retryAfter, true, refusal);
    }

    private PlanProblem(Kind kind, int status, String memberMessage, String logMessage, Optional<Duration> retryAfter,
                        boolean nothingProcessed, Optional<OutboundTargets.Refusal> refusal) {
        super(logMessage, null, false, false);
        this.refusal = refusal;
        this.kind = kind;
        this.status = status;
        this.memberMessage = memberMessage;
        this.retryAfter = retryAfter;
        this.nothingProcessed = nothingProcessed;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The plan's status for {@link Kind#REFUSED}, {@link Kind#THROTTLED} and {@link Kind#TEMPORARILY_UNAVAILABLE}; 504
     * for a timeout; 502 otherwise.
     */
    public int status() {
        return status;
    }

    public String memberMessage() {
        return memberMessage;
    }

    /**
     * For {@link Kind#THROTTLED} and {@link Kind#TEMPORARILY_UNAVAILABLE}: how long the plan asked to be left alone,
     * bounded by {@link RetryAfter}.
     */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /**
     * Whether the plan cannot have acted on the request, so that sending the same request again cannot repeat
     * anything (for a refresh: spend a rotating refresh token twice). True when nothing of the request was sent, or
     * when the plan answered that it did not do it (see {@link PlanTokenEndpoint}); false whenever the request may
     * have reached the plan and its answer was lost, however likely it is that it did not.
     */
    public boolean nothingProcessed() {
        return nothingProcessed;
    }

    /** For {@link Kind#TARGET_REFUSED}: why the node's {@link OutboundTargets} refused the URL. */
    public Optional<OutboundTargets.Refusal> refusal() {
        return refusal;
    }
}
