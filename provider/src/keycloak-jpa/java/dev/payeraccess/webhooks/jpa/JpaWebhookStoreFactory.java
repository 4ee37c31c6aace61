package dev.payeraccess.webhooks.jpa;

import dev.payeraccess.webhooks.WebhookStore;
import dev.payeraccess.webhooks.WebhookStoreFactory;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** The webhook store in Keycloak's database (provider {@code jpa}). */
public final class JpaWebhookStoreFactory implements WebhookStoreFactory {

    @Override
    public WebhookStore create(KeycloakSession session) {
        return new JpaWebhookStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
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
        return "jpa";
    }
}
