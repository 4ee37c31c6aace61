/**
 * A member's stored plan tokens: the one link store that reads and writes them ({@code LinkStore} →
 * {@code MemberLink}), their shape and encryption, their state and binding to the plan's settings, renewal in a
 * single flight across the cluster, revocation, and the node-local cache of opened links (SPI
 * {@code payer-access-opened-links}). Uses {@code plan}.
 */
package dev.payeraccess.token;
