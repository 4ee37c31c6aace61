package dev.payeraccess.renewal;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The SPI {@code payer-access-link-renewal}, so the renewal's settings are Keycloak options, e.g.
 * {@code --spi-payer-access-link-renewal--scheduled--interval-seconds=600}.
 */
public final class LinkRenewalSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "payer-access-link-renewal";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return LinkRenewal.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return LinkRenewalFactory.class;
    }
}
