package dev.payeraccess.webhooks;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI {@code payer-access-webhook-store}: where subscriptions and the outbox are kept. */
public final class WebhookStoreSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "payer-access-webhook-store";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return WebhookStore.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return WebhookStoreFactory.class;
    }
}
