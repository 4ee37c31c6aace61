/**
 * What every REST endpoint of the extension shares: the bearer caller ({@code BearerCaller}, whose token signatures
 * this node remembers once verified: {@code RememberingRs256Factory}), CORS
 * ({@code ApiCors}), every URL the extension hands out ({@code PublicUrls}, from Keycloak's hostname provider) and
 * the admin API's refusals ({@code AdminRefusal}). Uses {@code fhir} only.
 */
package dev.payeraccess.api;
