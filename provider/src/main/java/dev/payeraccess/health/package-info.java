/**
 * Plan health: the probe of each enabled plan's discovery document and CapabilityStatement, run on one node of
 * the cluster per interval ({@code ScheduledPlanHealth} on a {@code schedule.IntervalSchedule}), its rules, the
 * shared findings in Keycloak's single-use store, each node's parsed copy of a plan's capabilities
 * ({@code ParsedCapabilities}, found by the digest of the stored text) and the status gauges (SPI
 * {@code payer-access-plan-health}). A change of a plan's status is a lifecycle change ({@code lifecycle}).
 */
package dev.payeraccess.health;
