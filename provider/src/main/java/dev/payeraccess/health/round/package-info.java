/**
 * A plan-health probe round: the plans probed in parallel on a bounded pool of this node's own threads and
 * connections ({@code ProbeWorkers}), each document of a probe cut off at its deadline, the findings written back in
 * sessions of the round's own ({@code ProbeRound}; the probing threads never touch a session), the plans cut into
 * shares that the nodes of a cluster claim per interval ({@code PlanShares}), and the round's metrics. Knows nothing
 * of what a finding means: the {@code health} package judges and records it. Uses {@code plan} (the probe),
 * {@code schedule} and Keycloak.
 */
package dev.payeraccess.health.round;
