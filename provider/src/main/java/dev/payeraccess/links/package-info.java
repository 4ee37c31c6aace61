/**
 * A member's links to plans as apps see them: the links API ({@code LinksResource}: list and unlink), listing
 * ({@code PlanLinks}), unlinking with revocation at the plan ({@code PlanUnlinking}) and revocation on Keycloak's
 * own unlink paths ({@code RevokeOnUnlink}), and links made and removed as lifecycle changes
 * ({@code LinkLifecycleListener}). Uses {@code lifecycle}, {@code token}, {@code broker}, {@code plan}, {@code api} and
 * {@code fhir}.
 */
package dev.payeraccess.links;
