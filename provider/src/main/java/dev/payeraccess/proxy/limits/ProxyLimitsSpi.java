package dev.payeraccess.proxy.limits;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The SPI {@code payer-access-proxy-limits}, so the proxy's bounds are Keycloak options, e.g.
 * {@code --spi-payer-access-proxy-limits--node-local--max-requests-per-user=8}.
 */
public final class ProxyLimitsSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "payer-access-proxy-limits";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return ProxyLimits.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ProxyLimitsFactory.class;
    }
}
