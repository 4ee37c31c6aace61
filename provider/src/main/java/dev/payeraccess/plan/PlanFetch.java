package dev.payeraccess.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.apache.http.conn.ConnectTimeoutException;

/**
 * One request to a plan for a document, answered: the document as parsed, or why none could be had, and how long
 * the plan took either way. Probes of a plan (the conformance check, a health monitor) read these instead of
 * catching exceptions, so a plan that is down or answers garbage is a result like any other.
 *
 * <p>Exactly one of {@link #value()} and {@link #failure()} is present. A failure's reason never holds the plan's
 * body, a token or the URL (which for a member's search names the member): callers say what they asked for.
 *
 * @param latency from sending the request until the answer was read and parsed, or the call gave up
 */
public record PlanFetch<T>(Duration latency, Optional<T> value, Optional<Failure> failure) {

    /** How a fetch failed. */
    public enum Kind {
        /** No connection, or the answer broke off. */
        UNREACHABLE,
        /** No answer within the time allowed. */
        TIMEOUT,
        /** An answer with another status than asked for; {@link Failure#status()} says which. */
        STATUS,
        /** A 200 answer that is not the document asked for (not JSON, another resource type, a field missing). */
        UNUSABLE,
        /** Not asked at all: the node's {@link OutboundTargets} refuses the URL (e.g. a private address). */
        NOT_CALLED
    }

    /**
     * @param reason for an administrator, e.g. {@code answered HTTP 404} or {@code did not answer within 10000 ms}:
     *     no body, token or URL
     */
    public record Failure(Kind kind, OptionalInt status, String reason) {

        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        static Failure status(int status) {
            return new Failure(Kind.STATUS, OptionalInt.of(status), "answered HTTP " + status);
        }

        static Failure unusable(String why) {
            return new Failure(Kind.UNUSABLE, OptionalInt.empty(), why);
        }

        /**
         * A call the node's {@link OutboundTargets} refused, a call that failed on the wire, told apart the way
         * {@link PlanProblem} tells them apart, or an answer that is not JSON (Jackson fails reading it with an
         * {@link IOException} too). A call that failed after its time was up was cut off at a deadline (a health
         * probe's ends its connection then, and the read fails with whatever the socket says): a timeout.
         *
         * @param took from sending the request until it failed
         */
        static Failure of(IOException e, int timeoutMs, Duration took) {
            if (e instanceof RefusedTarget refused) {
                return new Failure(Kind.NOT_CALLED, OptionalInt.empty(), "was not called: "
                    + refused.refusal().toApp());
            }
            if (e instanceof JsonProcessingException) {
                return unusable("answered something that is not JSON");
            }
            if (e instanceof InterruptedIOException || e instanceof ConnectTimeoutException
                || took.toMillis() >= timeoutMs) {
                return new Failure(Kind.TIMEOUT, OptionalInt.empty(), "did not answer within " + timeoutMs + " ms");
            }
            return new Failure(Kind.UNREACHABLE, OptionalInt.empty(),
                "could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    public PlanFetch {
        Objects.requireNonNull(latency, "latency");
        if (value.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a fetch has either a value or a failure");
        }
    }

    public static <T> PlanFetch<T> read(Duration latency, T value) {
        return new PlanFetch<>(latency, Optional.of(value), Optional.empty());
    }

    public static <T> PlanFetch<T> failed(Duration latency, Failure failure) {
        return new PlanFetch<>(latency, Optional.empty(), Optional.of(failure));
    }

    public boolean succeeded() {
        return value.isPresent();
    }

    /** The fetch with its document turned into another by {@code f}; a failure stays as it is. */
    public <U> PlanFetch<U> map(Function<T, U> f) {
        return new PlanFetch<>(latency, value.map(f), failure);
    }

    /** Since {@code startNanos} ({@link System#nanoTime()}). */
    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
