package dev.payeraccess.renewal;

import org.keycloak.provider.ProviderFactory;

public interface LinkRenewalFactory extends ProviderFactory<LinkRenewal> {
}
