/**
 * Plan health: the probe of each enabled plan's discovery document and CapabilityStatement, run on one node of
 * the cluster per interval ({@code ScheduledPlanHealth} on a {@code schedule.IntervalSchedule}), its rules, the
 * shared findings in Keycloak's single-use store and the status gauges (SPI {@code payer-access-plan-health}).
 */
package dev.payeraccess.health;
