package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.PlanAnswer;
import dev.payeraccess.proxy.everything.EverythingPlan;
import dev.payeraccess.proxy.policy.AccessDecision;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.ProxyRequest;

/**
 * The checks of one request to {@code fhir/{alias}/...}, one method each, for {@link FhirProxy} to run in the
 * contract's order. Each answers what it found or throws the problem the app is told; none calls another. The
 * Keycloak implementation is {@link KeycloakProxySteps}; the order itself is tested with a fake.
 *
 * @param <C> the calling app and user
 * @param <P> the plan, as configured for this request
 * @param <L> the member's link to the plan, usable with the plan as configured now
 * @param <R> the response the app gets
 */
public interface ProxySteps<C, P, L, R> {

    /** @throws FhirProblemException 401 without a valid access token of this realm */
    C caller() throws FhirProblemException;

    /** @throws FhirProblemException 404 when the realm has no enabled plan of this alias */
    P plan() throws FhirProblemException;

    /** @throws FhirProblemException 400 for a request the proxy does not forward; 403 for a page not granted */
    FhirRequest parsed(C caller, P plan, ProxyRequest request) throws FhirProblemException;

    /** @throws FhirProblemException 404 when the member has not linked the plan; 409 when they must relink it */
    L link(C caller, P plan) throws FhirProblemException;

    /**
     * The caller's share of this node's proxy, held until the answer is streamed; a short burst waits its turn.
     *
     * @throws FhirProblemException 429 when the user or the link already holds its share and may not wait longer
     */
    AutoCloseable admitted(C caller) throws FhirProblemException;

    /** @throws FhirProblemException 403 when the scopes (the app's, the plan's or the admin's) do not allow it */
    AccessDecision.Allowed allowed(C caller, P plan, L link, FhirRequest asked) throws FhirProblemException;

    /**
     * A slot at the plan on this node, held until the answer is streamed.
     *
     * @throws FhirProblemException 429 or 503 while the plan's gate on this node is closed
     */
    AutoCloseable atPlan(C caller, P plan) throws FhirProblemException;

    /** @throws FhirProblemException 502, 504, or the plan's own wait relayed as 429/503 */
    PlanAnswer answer(C caller, P plan, L link, FhirRequest forwarded, ProxyRequest request)
        throws FhirProblemException;

    /** The plan's answer as the app gets it. @throws FhirProblemException 502 (not passable), 403 (not the member's) */
    R relayed(P plan, PlanAnswer answer, AccessDecision.Allowed allowed, FhirRequest asked,
                     ProxyRequest request) throws FhirProblemException;

    /**
     * What {@code Patient/[id]/$everything} reads at the plan, each type decided as its search would be.
     *
     * @throws FhirProblemException 400 (a parameter it does not take), 404 (another patient, for {@code patient/}
     *     scopes), 403 (no type readable)
     */
    EverythingPlan everything(C caller, P plan, L link, FhirRequest asked) throws FhirProblemException;

    /**
     * {@code Patient/[id]/$everything} read from the plan (forwarded where the plan declares it, else emulated) as
     * the app gets it.
     *
     * @throws FhirProblemException 403 (a page link not this caller's), 502, 504, the plan's wait relayed as 429/503
     */
    R readEverything(C caller, P plan, L link, EverythingPlan everything, FhirRequest asked, ProxyRequest request)
        throws FhirProblemException;

    /** The response, audited once it has been streamed (or cut off), with {@code release} run then. */
    R answered(R response, Runnable release);

    /** The problem as an {@code OperationOutcome} response, audited. */
    R refused(FhirProblem problem);
}
