package dev.payeraccess.sandbox.control;

/**
 * An answer the sandbox gives instead of the real one.
 *
 * @param status HTTP status to answer with
 * @param body what the body holds
 */
public record Fault(int status, Body body) {

    public enum Body {
        /** A FHIR OperationOutcome (for FHIR) or an RFC 6749 error object (for OAuth endpoints). */
        ERROR_DOCUMENT,
        /** Bytes that are neither FHIR nor JSON, like a proxy's HTML error page. */
        GARBAGE,
        /** No body at all. */
        EMPTY,
        /** Accept the request and never answer; the connection stays open until the client gives up. */
        HANG
    }

    public static Fault status(int status) {
        return new Fault(status, Body.ERROR_DOCUMENT);
    }

    public static Fault garbage() {
        return new Fault(200, Body.GARBAGE);
    }

    public static Fault hang() {
        return new Fault(0, Body.HANG);
    }
}
