/**
 * A member's links to plans as apps see them: the links API ({@code LinksResource}: list and unlink), listing
 * ({@code PayerLinks}), unlinking with revocation at the plan ({@code PayerUnlinking}) and revocation on Keycloak's
 * own unlink paths ({@code RevokeOnUnlink}). Uses {@code token}, {@code broker}, {@code plan}, {@code api} and
 * {@code fhir}.
 */
package dev.payeraccess.links;
