/**
 * A member's stored plan tokens: the one link store that reads and writes them ({@code LinkStore} →
 * {@code MemberLink}), their shape and encryption, their state and binding to the plan's settings, renewal in a
 * single flight across the cluster, revocation, and the node-local cache of opened links (SPI
 * {@code payer-access-opened-links}). A change of stored tokens is recorded as a lifecycle change
 * ({@code LinkLifecycle}). Uses {@code plan} and {@code lifecycle}.
 */
package dev.payeraccess.token;
