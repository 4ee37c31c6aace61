package dev.payeraccess.webhooks.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Registers {@link WebhookEntityProvider}; its id also names the changelog table Keycloak keeps for it. Keycloak
 * merges the entities and changelogs of every JPA entity provider, each with its own id.
 */
public final class WebhookEntityProviderFactory implements JpaEntityProviderFactory {

    static final String ID = "payer-access-webhooks";

    private final WebhookEntityProvider provider = new WebhookEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return provider;
    }

    @Override
    public void init(Config.Scope config) {
        // No settings.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to start.
    }

    @Override
    public void close() {
        // Nothing held.
    }

    @Override
    public String getId() {
        return ID;
    }
}
