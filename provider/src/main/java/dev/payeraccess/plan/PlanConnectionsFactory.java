package dev.payeraccess.plan;

import org.keycloak.provider.ProviderFactory;

/** Creates the node's {@link PlanConnections}; Keycloak keeps one factory per node for its whole life. */
public interface PlanConnectionsFactory extends ProviderFactory<PlanConnections> {
}
