package dev.payeraccess.proxy.limits;

import org.keycloak.provider.ProviderFactory;

/** Creates the node's {@link ProxyLimits}; Keycloak keeps one factory per node for its whole life. */
public interface ProxyLimitsFactory extends ProviderFactory<ProxyLimits> {
}
