package dev.payeraccess.token;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The SPI {@code payer-access-opened-links}: its own owner for the node-local cache of decrypted links,
 * so the token layer finds it through Keycloak ({@code session.getProvider(OpenedLinks.class)}) and its
 * size can be set like any Keycloak option, e.g.
 * {@code --spi-payer-access-opened-links--node-local--max-entries=20000}.
 */
public final class OpenedLinksSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "payer-access-opened-links";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return OpenedLinks.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return OpenedLinksFactory.class;
    }
}
