package dev.payeraccess.health.round;

import java.util.Set;

/**
 * A plan to probe, as read from its configuration before the round: everything a probing thread needs, so it never
 * opens a session.
 *
 * @param timeoutMs the deadline of each of the probe's two documents
 * @param servable the types the plan may serve: what is kept of its CapabilityStatement
 */
public record ProbeTarget(String realmId, String realmName, String alias, String fhirBaseUrl, int timeoutMs,
                          Set<String> servable) {

    public ProbeTarget {
        servable = Set.copyOf(servable);
    }
}
