/**
 * Background work at a fixed interval ({@code IntervalSchedule}): a round one node of the cluster runs per
 * interval on the extension's own thread, or a round every node takes shares of ({@code IntervalShares}, claimed in
 * Keycloak's cluster-wide single-use store), and quick tasks every node runs. Uses Keycloak only; used by the
 * capabilities that keep something up to date in the background (plan health).
 */
package dev.payeraccess.schedule;
