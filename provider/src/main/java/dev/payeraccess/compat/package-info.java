/**
 * What differs between the Keycloak 26.x versions the extension runs on: the version found by looking for types
 * ({@code KeycloakVersion}), the identity-provider flags whose setter types changed ({@code IdentityProviderFlag})
 * and the broker callback whose type moved in 26.5 ({@code BrokerCallback}). Uses Keycloak only. The two
 * version-specific identity-provider subclasses must extend the provider, so they sit beside it in {@code broker}
 * (26.4's in {@code src/keycloak-26.4}, compiled against that version's jars by the provider's pom).
 */
package dev.payeraccess.compat;
