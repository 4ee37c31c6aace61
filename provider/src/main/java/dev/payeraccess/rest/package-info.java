/**
 * The JAX-RS root of the extension under {@code /realms/{realm}/payer-access/} (Keycloak's
 * {@code realm-restapi-extension} SPI), which hands each path to the resource of the package that owns it.
 * Used by no other package.
 */
package dev.payeraccess.rest;
