package dev.payeraccess.webhooks.jpa;

import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/**
 * Adds the webhooks' tables to Keycloak's database: Keycloak runs the changelog with Liquibase at start (in a
 * changelog table of this provider's own) and registers the entities with its persistence unit.
 */
public final class WebhookEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(WebhookSubscriptionEntity.class, WebhookMessageEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/payer-access-webhooks-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return WebhookEntityProviderFactory.ID;
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
