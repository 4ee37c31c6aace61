package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.proxy.limits.MemberWaits;
import dev.payeraccess.proxy.limits.PlanCaps;
import dev.payeraccess.proxy.limits.PlanGate;
import java.time.Duration;
import java.util.Optional;

/**
 * One request's way through its plan's {@link PlanGate} on this node, as one member: in before anything is sent to
 * the plan, within the member's share of the plan's caps, and, when the plan asks to wait, that wait remembered until
 * it is over: for this member after a 429 (see {@link MemberWaits}), for everyone after a 503 (for minutes at most,
 * then probed).
 *
 * @param caps the plan's caps as configured now, read for this request
 * @param member realm id, plan alias and user id of the member the request reads as
 */
record PlanThrottling(PlanGate gate, MemberWaits waits, Member member, PlanCaps caps, ProxyProblems problems) {

    record Member(String realmId, String alias, String userId) {
    }

    /**
     * A slot at the plan for this request, to be closed when its answer has been passed on.
     *
     * @throws FhirProblemException 429 (a cap, or the plan's 429 still running) or 503 (the plan's 503 still running)
     */
    PlanGate.Slot enter() throws FhirProblemException {
        Optional<Duration> memberWait = waits.remaining(member.realmId(), member.alias(), member.userId());
        if (memberWait.isPresent()) {
            throw problems.of(new PlanGate.Closed(PlanGate.Reason.PLAN_THROTTLED, memberWait.get()), caps).exception();
        }
        PlanGate.Decision decision = gate.admit(caps, member.userId());
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
        if (problem.kind() == PlanProblem.Kind.THROTTLED) {
            Duration left = waits.asked(member.realmId(), member.alias(), member.userId(), problem.retryAfter().get());
            return problems.of(new PlanGate.Closed(PlanGate.Reason.PLAN_THROTTLED, left), caps);
        }
        return problems.of(gate.planUnavailableFor(problem.retryAfter().get()), caps);
    }
}
