package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecondAttemptTest {

    private static final Duration PLAN_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aCallThePlanCannotHaveActedOnGetsHalfOfWhatIsUsableAtMostThePlansTimeout() {
        assertEquals(Optional.of(Duration.ofMillis(18_750)),
            SecondAttempt.timeout(untouched(), Duration.ofSeconds(40), PLAN_TIMEOUT));
        assertEquals(Optional.of(PLAN_TIMEOUT),
            SecondAttempt.timeout(untouched(), Duration.ofSeconds(90), PLAN_TIMEOUT));
    }

    @Test
    void aCallThatMayHaveReachedThePlanIsNeverRepeated() {
        PlanProblem lost = new PlanProblem(PlanProblem.Kind.UNREACHABLE, 502, "m", "l", false);

        assertEquals(Optional.empty(), SecondAttempt.timeout(lost, Duration.ofSeconds(40), PLAN_TIMEOUT));
    }

    @Test
    void aPlanThatAskedToWaitIsNotAskedAgain() {
        PlanProblem wait = PlanProblem.askedToWait(503, Duration.ofSeconds(5), "token endpoint", plan());

        assertEquals(Optional.empty(), SecondAttempt.timeout(wait, Duration.ofSeconds(40), PLAN_TIMEOUT));
    }

    @Test
    void noSecondAttemptWhenTooLittleTimeIsLeft() {
        // 0.5 s pause and 2 s kept for storing leave less than the shortest attempt of 1 s.
        assertEquals(Optional.empty(), SecondAttempt.timeout(untouched(), Duration.ofMillis(3_400), PLAN_TIMEOUT));
        assertEquals(Optional.of(Duration.ofMillis(500)),
            SecondAttempt.timeout(untouched(), Duration.ofMillis(3_500), PLAN_TIMEOUT));
    }

    private static PlanProblem untouched() {
        return new PlanProblem(PlanProblem.Kind.UNREACHABLE, 502, "m", "l", true);
    }

    private static PlanEndpoints plan() {
        return new PlanEndpoints("plan", "https://plan.example/r4", "https://plan.example/token", Optional.empty(),
            "client-1", (s, r) -> r, 30_000, java.util.List.of());
    }
}
