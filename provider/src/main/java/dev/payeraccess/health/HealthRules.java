package dev.payeraccess.health;

import dev.payeraccess.plan.PlanProbe;
import java.time.Duration;

/**
 * What a probe's answers mean for members. The CapabilityStatement decides whether the plan is there; SMART
 * discovery matters for linking, so its failure (a 404 excepted: many plans publish none, and their endpoints
 * are typed in) makes a plan degraded, as does a slow answer.
 */
public final class HealthRules {

    /** Slower than this, a plan counts as degraded: apps and members notice. */
    public static final Duration SLOW = Duration.ofSeconds(5);

    /** @param detail for administrators */
    public record Verdict(PlanStatus status, String detail) {
    }

    private HealthRules() {
    }

    public static Verdict judge(PlanProbe.Result probe) {
        PlanProbe.Reach metadata = probe.metadata();
        if (!metadata.ok()) {
            return new Verdict(PlanStatus.DOWN, metadata.failure().orElseThrow());
        }
        PlanProbe.Reach discovery = probe.discovery();
        boolean discoveryMissing = discovery.status().map(s -> s == 404).orElse(false);
        if (!discovery.ok() && !discoveryMissing) {
            return new Verdict(PlanStatus.DEGRADED, "the FHIR API answers, but SMART discovery fails: "
                + discovery.failure().orElseThrow());
        }
        if (metadata.latencyMs() > SLOW.toMillis()) {
            return new Verdict(PlanStatus.DEGRADED, "the FHIR API answered in " + metadata.latencyMs() + " ms");
        }
        return new Verdict(PlanStatus.UP, "the FHIR API answered in " + metadata.latencyMs() + " ms"
            + (discoveryMissing ? "; no SMART discovery document is published" : ""));
    }
}
