package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.PlanProblem;

/**
 * One request's way through its plan's {@link PlanGate} on this node: in before anything is sent to the plan,
 * and, when the plan asks to wait, that wait remembered for every request until it is over.
 *
 * @param caps the plan's caps as configured now, read for this request
 */
record PlanThrottling(PlanGate gate, PlanCaps caps, ProxyProblems problems) {

    /**
     * A slot at the plan for this request, to be closed when its answer has been passed on.
     *
     * @throws FhirProblemException 429 (a cap, or the plan's 429 still running) or 503 (the plan's 503 still running)
     */
    PlanGate.Slot enter() throws FhirProblemException {
        PlanGate.Decision decision = gate.admit(caps);
        if (decision instanceof PlanGate.Closed closed) {
            throw problems.of(closed, caps).exception();
        }
        return ((PlanGate.Open) decision).slot();
    }

    /** What the app is told about a failed read; a plan asking to wait first closes the gate for that long. */
    FhirProblem problemOf(PlanProblem problem) {
        if (problem.retryAfter().isEmpty()) {
            return problems.of(problem);
        }
        PlanGate.Reason reason = problem.kind() == PlanProblem.Kind.THROTTLED
            ? PlanGate.Reason.PLAN_THROTTLED : PlanGate.Reason.PLAN_UNAVAILABLE;
        return problems.of(gate.planAskedToWait(reason, problem.retryAfter().get()), caps);
    }
}
