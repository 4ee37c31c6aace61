package dev.payeraccess.plan;

import java.util.List;
import java.util.Map;
import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.Config;
import org.keycloak.connections.httpclient.DefaultHttpClientFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@link PlanConnections} of this node (provider {@code fresh}): one client, built on first use by Keycloak's own
 * HTTP client factory from the {@code connectionsHttpClient} options, with two of ours on top.
 * {@code reuse-connections=false}: every request gets a new connection, closed after its answer, so no request of
 * it ever goes out on a connection the plan's side closed meanwhile. {@code max-retries=0}: whatever an operator set
 * for Keycloak, its retry handler (which may re-send requests already sent) is never installed here; Apache
 * HttpClient's default then re-sends a request only if it was not sent, or is a {@code GET}.
 */
public final class FreshPlanConnectionsFactory implements PlanConnectionsFactory {

    private DefaultHttpClientFactory clients;
    private volatile CloseableHttpClient client;

    @Override
    public PlanConnections create(KeycloakSession session) {
        return () -> client(session);
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
        clients = new DefaultHttpClientFactory();
        clients.init(KeycloakHttpOptions.with(Map.of("reuse-connections", "false", "max-retries", "0")));
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
        return List.of();
    }
}
