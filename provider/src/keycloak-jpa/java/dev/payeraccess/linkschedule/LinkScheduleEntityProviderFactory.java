package dev.payeraccess.linkschedule;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers {@link LinkScheduleEntityProvider}; its id also names the changelog table Keycloak keeps for it. */
public final class LinkScheduleEntityProviderFactory implements JpaEntityProviderFactory {

    static final String ID = "payer-access-link-schedule";

    private final LinkScheduleEntityProvider provider = new LinkScheduleEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return provider;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
