package dev.payeraccess.proxy;

import org.keycloak.models.KeycloakSession;

/**
 * The proxy's public URLs, from Keycloak's own view of its base URL (so {@code --hostname} and reverse
 * proxy settings apply).
 */
public final class ProxyUrls {

    private ProxyUrls() {
    }

    /** {@code {keycloak}/realms/{realm}}: the realm's OpenID Connect issuer. */
    public static String issuer(KeycloakSession session) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms")
            .path(session.getContext().getRealm().getName()).build().toString();
    }

    /** {@code {issuer}/payer-access/fhir/{alias}}: the FHIR base apps use for the plan. */
    public static String fhirBase(KeycloakSession session, String alias) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms")
            .path(session.getContext().getRealm().getName()).path("payer-access").path("fhir").path(alias)
            .build().toString();
    }
}
