/**
 * A link's and a plan's lifecycle as others see it: every change (a member linked, renewed, must relink, was
 * revoked by the plan, unlinked; a grant ending soon; a plan's health) as a value ({@code LifecycleChange}),
 * recorded as a Keycloak event and handed, in the same transaction, to the lifecycle sinks (SPI
 * {@code payer-access-lifecycle-sink}, e.g. the webhook outbox); and the filtered view of those events that
 * Keycloak's events API cannot give ({@code LifecycleEventQuery}). Uses nothing of ours: the packages where a change
 * happens call it.
 */
package dev.payeraccess.lifecycle;
