package dev.payeraccess.sandbox.control;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An answer the sandbox gives instead of the real one.
 *
 * @param status HTTP status to answer with
 * @param body what the body holds
 * @param retryAfter sent as {@code Retry-After} in delta-seconds, as a plan that throttles or is down for a while does
 */
public record Fault(int status, Body body, Optional<Duration> retryAfter) {

    public enum Body {
        /** A FHIR OperationOutcome (for FHIR) or an RFC 6749 error object (for OAuth endpoints). */
        ERROR_DOCUMENT,
        /** Bytes that are neither FHIR nor JSON, like a proxy's HTML error page. */
        GARBAGE,
        /** No body at all. */
        EMPTY,
        /** Accept the request and never answer; the connection stays open until the client gives up. */
        HANG,
        /**
         * The start of a searchset Bundle, then the connection closed mid-document, as a plan whose server fails
         * while it streams a large answer.
         */
        CUT_OFF
    }

    public Fault {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Fault(int status, Body body) {
        this(status, body, Optional.empty());
    }

    public static Fault status(int status) {
        return new Fault(status, Body.ERROR_DOCUMENT);
    }

    public static Fault garbage() {
        return new Fault(200, Body.GARBAGE);
    }

    /** 200 and half a Bundle, then the connection is closed. */
    public static Fault cutOff() {
        return new Fault(200, Body.CUT_OFF);
    }

    public static Fault hang() {
        return new Fault(0, Body.HANG);
    }

    /** 429 Too Many Requests with {@code Retry-After}, as a plan's rate limiter answers. */
    public static Fault throttled(Duration retryAfter) {
        return status(429).withRetryAfter(retryAfter);
    }

    /** The same answer with {@code Retry-After}, e.g. {@code Fault.status(503).withRetryAfter(...)} for maintenance. */
    public Fault withRetryAfter(Duration wait) {
        return new Fault(status, body, Optional.of(wait));
    }
}
