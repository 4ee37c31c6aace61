package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblem;
import java.util.function.Predicate;

/** What {@link AccessPolicy#decide} says about one request: refused with a problem, or allowed. */
public sealed interface AccessDecision {

    /** Refused before anything reaches the plan: 403 for a type the caller may not read, 400 for a check that cannot be made. */
    record Refused(FhirProblem problem) implements AccessDecision {
    }

    /**
     * Allowed: {@code forwarded} goes to the plan, and of what comes back only resources whose type passes
     * {@code mayReturn} reach the app (an untyped {@code _include} may bring in anything).
     */
    record Allowed(FhirRequest forwarded, Predicate<String> mayReturn) implements AccessDecision {
    }
}
