package dev.payeraccess.linkschedule;

import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/**
 * Adds the link schedule's table to Keycloak's database: Keycloak runs the changelog with Liquibase at start (in a
 * changelog table of this provider's own) and registers the entity with its persistence unit.
 */
public final class LinkScheduleEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(LinkScheduleEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/payer-access-link-schedule-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return LinkScheduleEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
