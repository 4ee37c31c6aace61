package dev.payeraccess.health;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The SPI {@code payer-access-plan-health}, so the probe interval is a Keycloak option, e.g.
 * {@code --spi-payer-access-plan-health--scheduled--interval-seconds=300}.
 */
public final class PlanHealthSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "payer-access-plan-health";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PlanHealthMonitor.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PlanHealthMonitorFactory.class;
    }
}
