package dev.payeraccess.plan;

import java.util.List;
import java.util.Map;
import org.apache.http.impl.client.CloseableHttpClient;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.httpclient.DefaultHttpClientFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * {@link PlanConnections} of this node (provider {@code fresh}): one client, built on first use by Keycloak's own
 * HTTP client factory from the {@code connectionsHttpClient} options, with two of ours on top.
 * {@code reuse-connections=false}: every request gets a new connection, closed after its answer, so no request of
 * it ever goes out on a connection the plan's side closed meanwhile. {@code max-retries=0}: whatever an operator set
 * for Keycloak, its retry handler (which may re-send requests already sent) is never installed here; Apache
 * HttpClient's default then re-sends a request only if it was not sent, or is a {@code GET}.
 *
 * <p>It also holds the node's {@link OutboundTargets}, from its one option {@value #ALLOW_PRIVATE_ADDRESSES}.
 */
public final class FreshPlanConnectionsFactory implements PlanConnectionsFactory {

    private static final Logger LOG = Logger.getLogger(FreshPlanConnectionsFactory.class);

    /**
     * The development switch: {@value OutboundTargets#DEVELOPMENT_SWITCH}. Keycloak reads an SPI option of a
     * provider from the node's configuration only (command line, {@code keycloak.conf}, environment), never from a
     * realm, so no administrator of a realm can turn it on.
     */
    static final String ALLOW_PRIVATE_ADDRESSES = "allowPrivateAddresses";

    private DefaultHttpClientFactory clients;
    private volatile CloseableHttpClient client;
    private OutboundTargets targets;

    @Override
    public PlanConnections create(KeycloakSession session) {
        OutboundTargets nodeTargets = targets;
        return new PlanConnections() {
            @Override
            public CloseableHttpClient fresh() {
                return client(session);
            }

            @Override
            public OutboundTargets targets() {
                return nodeTargets;
            }
        };
    }

    private CloseableHttpClient client(KeycloakSession session) {
        CloseableHttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    // Built on first use: Keycloak's truststore is only reachable through a session.
                    client = clients.create(session).getHttpClient();
                }
                built = client;
            }
        }
        return built;
    }

    @Override
    public void init(Config.Scope config) {
        targets = targets(config);
        clients = new DefaultHttpClientFactory();
        clients.init(KeycloakHttpOptions.with(Map.of("reuse-connections", "false", "max-retries", "0")));
    }

    /** What {@code config} says of the development switch; off unless it says {@code true}. */
    static OutboundTargets targets(Config.Scope config) {
        boolean allowed = config.getBoolean(ALLOW_PRIVATE_ADDRESSES, false);
        if (allowed) {
            LOG.warnf("Keycloak calls private and loopback addresses, over plain http too (%s): for development and "
                + "tests only, never on a server with real members' data.", OutboundTargets.DEVELOPMENT_SWITCH);
        }
        OutboundTargets.Resolver system = OutboundTargets.Resolver.system();
        return allowed ? OutboundTargets.withPrivateAddresses(system) : OutboundTargets.publicOnly(system);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to wire.
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
    }

    @Override
    public String getId() {
        return "fresh";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(ALLOW_PRIVATE_ADDRESSES).type(ProviderConfigProperty.BOOLEAN_TYPE)
            .helpText("Development only: let Keycloak call health plans (and everything else the extension calls) "
                + "at private and loopback addresses, over plain http too, e.g. a plan simulator on this machine. "
                + "Off, Keycloak calls public https addresses only, so no plan configuration or discovery document "
                + "can make it send members' tokens or client secrets into its own network.")
            .defaultValue(false).add()
            .build();
    }
}
