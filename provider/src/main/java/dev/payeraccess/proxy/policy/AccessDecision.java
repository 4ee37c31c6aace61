package dev.payeraccess.proxy.policy;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.ProxyRequest;

/** What {@link AccessPolicy#decide} says about one request: refused with a problem, or allowed. */
public sealed interface AccessDecision {

    /**
     * Refused before anything reaches the plan: 403 for what the caller may not read, 400 for what cannot be checked.
     */
    record Refused(FhirProblem problem) implements AccessDecision {
    }

    /**
     * Allowed: {@code forwarded} goes to the plan (possibly narrowed to the linked patient), and of what
     * comes back only what {@code answer} lets through reaches the app.
     *
     * @param answerDecides whether the answer's content may decide what reaches the app ({@code patient/} access:
     *     whom a resource is about); then the plan is not asked conditionally ({@link #asSent})
     */
    record Allowed(FhirRequest forwarded, AnswerFilter answer, boolean answerDecides) implements AccessDecision {

        /** Allowed, with an answer filtered by type alone. */
        public Allowed(FhirRequest forwarded, AnswerFilter answer) {
            this(forwarded, answer, false);
        }

        /**
         * The app's request as the plan receives it: without conditional headers where the answer decides, since
         * a 304 would confirm a version of a resource the proxy never looked at (another patient's claim).
         */
        public ProxyRequest asSent(ProxyRequest request) {
            return answerDecides ? request.unconditional() : request;
        }
    }
}
