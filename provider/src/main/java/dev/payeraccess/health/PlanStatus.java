package dev.payeraccess.health;

import java.util.Arrays;
import java.util.Optional;

/** Whether a plan answers, as its last probe found it. */
public enum PlanStatus {
    /** Its CapabilityStatement answered in good time, and its SMART discovery document did not fail. */
    UP("up", 1.0),
    /** It answers, but slowly, or its SMART discovery document fails: linking may not work. */
    DEGRADED("degraded", 0.5),
    /** Its FHIR API does not answer, or answers with an error. */
    DOWN("down", 0.0),
    /** Not probed yet (or the last probe is too old to tell). */
    UNKNOWN("unknown", Double.NaN);

    private final String wireName;
    private final double gaugeValue;

    PlanStatus(String wireName, double gaugeValue) {
        this.wireName = wireName;
        this.gaugeValue = gaugeValue;
    }

    /** As {@code payers} and the admin API show it. */
    public String wireName() {
        return wireName;
    }

    /** The value of the {@code payer_access_plan_status} gauge: 1 up, 0.5 degraded, 0 down. */
    public double gaugeValue() {
        return gaugeValue;
    }

    public static Optional<PlanStatus> byWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
