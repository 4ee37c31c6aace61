package dev.payeraccess.webhooks;

import org.keycloak.provider.ProviderFactory;

/** Creates the session's {@link WebhookStore}. */
public interface WebhookStoreFactory extends ProviderFactory<WebhookStore> {
}
