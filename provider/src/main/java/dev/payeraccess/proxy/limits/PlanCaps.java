package dev.payeraccess.proxy.limits;

import dev.payeraccess.plan.PlanProfile;
import java.util.OptionalInt;

/**
 * What an administrator allows this node to send one plan's FHIR API, as configured now.
 *
 * @param requestsPerSecond the plan's {@code maxRequestsPerSecond}, if set
 * @param concurrentRequests the plan's {@code maxConcurrentRequests}, if set
 */
public record PlanCaps(OptionalInt requestsPerSecond, OptionalInt concurrentRequests) {

    public static PlanCaps of(PlanProfile profile) {
        return new PlanCaps(profile.maxRequestsPerSecond(), profile.maxConcurrentRequests());
    }

    static PlanCaps none() {
        return new PlanCaps(OptionalInt.empty(), OptionalInt.empty());
    }
}
