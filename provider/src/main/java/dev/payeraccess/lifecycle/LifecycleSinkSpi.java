package dev.payeraccess.lifecycle;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI {@code payer-access-lifecycle-sink}: where lifecycle changes go besides the realm's events. */
public final class LifecycleSinkSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "payer-access-lifecycle-sink";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return LifecycleSink.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return LifecycleSinkFactory.class;
    }
}
