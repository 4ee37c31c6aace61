package dev.payeraccess.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers the extension's REST API under {@code /realms/{realm}/payer-access/}.
 *
 * <p>The id is the path segment, so it is part of the public contract (see DESIGN.md).
 */
public final class PayerAccessResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "payer-access";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PayerAccessResourceProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
        // No settings: everything a plan needs lives in its identity provider configuration.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to wire at startup.
    }

    @Override
    public void close() {
        // Holds no resources.
    }

    @Override
    public String getId() {
        return ID;
    }
}
