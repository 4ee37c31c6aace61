package dev.payeraccess.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands Keycloak the JAX-RS root resource for one request. */
final class PayerAccessResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    PayerAccessResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new PayerAccessResource(session);
    }

    @Override
    public void close() {
        // Nothing held beyond the request.
    }
}
