package dev.payeraccess.proxy.limits;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Creates the {@link ProxyLimits} of this node: one {@link NodeProxyLimits} for the node's life. */
public final class NodeProxyLimitsFactory implements ProxyLimitsFactory {

    private NodeProxyLimits node;

    @Override
    public ProxyLimits create(KeycloakSession session) {
        return node.forSession(session);
    }

    @Override
    public void init(Config.Scope config) {
        node = new NodeProxyLimits(ProxyLimitSettings.of(config));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to wire.
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
    }

    @Override
    public String getId() {
        return "node-local";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProxyLimitSettings.metadata();
    }
}
