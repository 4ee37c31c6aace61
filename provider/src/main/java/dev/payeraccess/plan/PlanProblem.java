package dev.payeraccess.plan;

import java.io.IOException;
import java.io.InterruptedIOException;
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
        /** The URL is not under the plan's FHIR base or one of its paging hosts: nothing was sent. */
        OUTSIDE_PLAN
    }

    /** A call that failed on the wire: a timeout, or the plan could not be reached. */
    static PlanProblem of(IOException e, String what, PlanEndpoints plan) {
        if (e instanceof InterruptedIOException || e instanceof ConnectTimeoutException) { // socket and connect timeouts
            return new PlanProblem(Kind.TIMEOUT, 504, "The health plan did not answer in time. Please try again later.",
                what + " of plan " + plan.alias() + " timed out after " + plan.timeoutMs() + " ms");
        }
        return new PlanProblem(Kind.UNREACHABLE, 502, "The health plan could not be reached. Please try again later.",
            what + " of plan " + plan.alias() + " unreachable: " + e.getClass().getSimpleName());
    }

    private final Kind kind;
    private final int status;
    private final String memberMessage;

    PlanProblem(Kind kind, int status, String memberMessage, String logMessage) {
        super(logMessage, null, false, false);
        this.kind = kind;
        this.status = status;
        this.memberMessage = memberMessage;
    }

    public Kind kind() {
        return kind;
    }

    /** The plan's status for {@link Kind#REFUSED}; 504 for a timeout; 502 otherwise. */
    public int status() {
        return status;
    }

    public String memberMessage() {
        return memberMessage;
    }
}
