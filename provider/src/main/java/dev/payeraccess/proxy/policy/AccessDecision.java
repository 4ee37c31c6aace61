package dev.payeraccess.proxy.policy;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.proxy.request.FhirRequest;

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
     */
    record Allowed(FhirRequest forwarded, AnswerFilter answer) implements AccessDecision {
    }
}
