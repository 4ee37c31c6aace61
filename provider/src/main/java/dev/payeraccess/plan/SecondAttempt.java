package dev.payeraccess.plan;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a call to a plan that failed may be sent once more, and with what timeout: only when the plan cannot have
 * acted on it ({@link PlanProblem#nothingProcessed()}) and did not ask to be left alone, and only when what is left of
 * the caller's time holds a whole second attempt. A call that may have reached the plan is never repeated here.
 */
final class SecondAttempt {

    /** A moment for a plan that was restarting or shedding load; whoever waits for the call waits that much longer. */
    static final Duration PAUSE = Duration.ofMillis(500);
    /** Left free at the end for what the caller does with the answer (storing renewed tokens). */
    static final Duration RESERVE = Duration.ofSeconds(2);
    /** A second attempt with less time than this is not worth making. */
    static final Duration SHORTEST = Duration.ofSeconds(1);

    private SecondAttempt() {
    }

    /**
     * @param left what is left of the caller's time after the first attempt
     * @param planTimeout the plan's {@code upstreamTimeoutMs}
     * @return the timeout of each step (connecting, reading) of the second attempt, or empty when there is none:
     *     half of what is usable, so connecting and reading together fit, and never more than the plan's timeout
     */
    static Optional<Duration> timeout(PlanProblem first, Duration left, Duration planTimeout) {
        if (!first.nothingProcessed() || first.retryAfter().isPresent()
            || first.kind() == PlanProblem.Kind.TARGET_REFUSED) { // this node would refuse it again
            return Optional.empty();
        }
        Duration usable = left.minus(PAUSE).minus(RESERVE);
        if (usable.compareTo(SHORTEST) < 0) {
            return Optional.empty();
        }
        Duration step = usable.dividedBy(2);
        return Optional.of(step.compareTo(planTimeout) < 0 ? step : planTimeout);
    }
}
