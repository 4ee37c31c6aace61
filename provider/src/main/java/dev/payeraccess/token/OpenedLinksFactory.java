package dev.payeraccess.token;

import org.keycloak.provider.ProviderFactory;

/** Creates the node's {@link OpenedLinks}; Keycloak keeps one factory per node for its whole life. */
public interface OpenedLinksFactory extends ProviderFactory<OpenedLinks> {
}
