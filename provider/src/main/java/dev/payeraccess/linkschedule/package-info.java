/**
 * The schedule of members' links: a table of the extension's own ({@code PAYER_ACCESS_LINK_SCHEDULE}, a JPA entity
 * with its Liquibase changelog, registered through {@code JpaEntityProvider}) with one row per link to a plan: when
 * it should be renewed, when its grant ends, its state and why it needs reconnecting, and when an app last read
 * through it. Never a token, never member data. Read and written through {@code LinkSchedule} (SPI
 * {@code payer-access-link-schedule}). Uses Keycloak only: the token layer writes it with each change of a link's
 * tokens, the background renewal and the links API read it.
 */
package dev.payeraccess.linkschedule;
