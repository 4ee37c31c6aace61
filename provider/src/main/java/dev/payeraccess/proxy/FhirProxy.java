package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.PlanAnswer;
import dev.payeraccess.proxy.everything.EverythingPlan;
import dev.payeraccess.proxy.policy.AccessDecision;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.ProxyRequest;

/**
 * One request to {@code fhir/{alias}/...}, from the caller's token to the plan's streamed answer, in the contract's
 * order of checks: 401 caller, 404 plan, 400 request, 404 link, 409 relink, 429 the caller's share, 403 access, 429
 * or 503 the plan's gate on this node, then the plan (502, 504, its wait relayed, or its own answer). Nothing
 * reaches the plan before every check passed, and every request, answered or refused, is audited once: an answer
 * when its last byte has been streamed. {@code Patient/[id]/$everything} takes the same checks, its access decided
 * for every type it reads ({@code proxy.everything}) and its answer read from the plan as one operation or as
 * several searches.
 *
 * @param <C> the caller, {@code <P>} the plan, {@code <L>} the member's link and {@code <R>} the response, as
 *     {@link ProxySteps} finds and makes them
 */
public final class FhirProxy<C, P, L, R> {

    private final ProxySteps<C, P, L, R> steps;

    public FhirProxy(ProxySteps<C, P, L, R> steps) {
        this.steps = steps;
    }

    public R forward(ProxyRequest request) {
        HeldResources held = new HeldResources();
        try {
            C caller = steps.caller();
            P plan = steps.plan();
            FhirRequest asked = steps.parsed(caller, plan, request);
            L link = steps.link(caller, plan);
            held.hold(steps.admitted(caller));
            if (asked.interaction() == Interaction.EVERYTHING) {
                EverythingPlan everything = steps.everything(caller, plan, link, asked);
                held.hold(steps.atPlan(caller, plan));
                return steps.answered(steps.readEverything(caller, plan, link, everything, asked, request),
                    held::close);
            }
            AccessDecision.Allowed allowed = steps.allowed(caller, plan, link, asked);
            held.hold(steps.atPlan(caller, plan));
            PlanAnswer answer = steps.answer(caller, plan, link, allowed.forwarded(), allowed.asSent(request));
            return steps.answered(steps.relayed(plan, answer, allowed, asked, request), held::close);
        } catch (FhirProblemException e) {
            held.close();
            return steps.refused(e.problem());
        } catch (RuntimeException | Error e) {
            held.close();
            throw e;
        }
    }
}
