/**
 * The extension's admin REST API under {@code /admin/realms/{realm}/payer-access/} (Keycloak's
 * {@code admin-realm-restapi-extension} SPI): resources only, each checking the caller's admin permissions, recording
 * an admin event and handing the work to the package that owns it: plan profiles ({@code profile}), plan health
 * ({@code health}), the conformance check ({@code conformance}), Brands import ({@code brands}), enabling plans in
 * bulk ({@code onboarding}), the lifecycle events view ({@code lifecycle}) and webhook subscriptions
 * ({@code webhooks}). Used by no other package.
 */
package dev.payeraccess.admin;
