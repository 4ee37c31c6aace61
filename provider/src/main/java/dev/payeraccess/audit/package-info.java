/**
 * Proxied requests as Keycloak events and Micrometer metrics ({@code ProxyAudit}), recorded once per request when
 * its answer has ended. Uses Keycloak only.
 */
package dev.payeraccess.audit;
