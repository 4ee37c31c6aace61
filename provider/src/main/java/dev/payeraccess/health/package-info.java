/**
 * Plan health: the probe of each enabled plan's discovery document and CapabilityStatement, in rounds the nodes of
 * the cluster share per interval ({@code ScheduledPlanHealth} on a {@code schedule.IntervalSchedule}; the round's
 * machinery is the sub-package {@code round}, which knows nothing of what a finding means), its rules, the
 * shared findings in Keycloak's single-use store, each node's parsed copy of a plan's capabilities
 * ({@code ParsedCapabilities}, found by the digest of the stored text) and the status gauges (SPI
 * {@code payer-access-plan-health}). A change of a plan's status is a lifecycle change ({@code lifecycle}).
 */
package dev.payeraccess.health;
