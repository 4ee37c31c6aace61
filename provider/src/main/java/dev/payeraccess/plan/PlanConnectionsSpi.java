package dev.payeraccess.plan;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The SPI {@code payer-access-plan-connections}: its own owner for the client that calls plans on a new connection
 * each time, so calls to a plan find it through Keycloak rather than in a static field.
 */
public final class PlanConnectionsSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "payer-access-plan-connections";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PlanConnections.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PlanConnectionsFactory.class;
    }
}
