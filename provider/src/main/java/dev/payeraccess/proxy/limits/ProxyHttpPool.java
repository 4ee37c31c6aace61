package dev.payeraccess.proxy.limits;

import dev.payeraccess.plan.KeycloakHttpOptions;
import java.util.Map;
import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.connections.httpclient.DefaultHttpClientFactory;
import org.keycloak.models.KeycloakSession;

/**
 * The proxy's own HTTP connection pool to plans on this node, separate from the one Keycloak uses for logins and
 * brokering. Built by Keycloak's own HTTP client factory from the {@code connectionsHttpClient} options
 * (truststore, {@code proxy-mappings}, client keystore), with the pool size of the proxy's options instead: same
 * network rules, its own connections.
 */
final class ProxyHttpPool implements AutoCloseable {

    private final DefaultHttpClientFactory clients = new DefaultHttpClientFactory();
    private volatile CloseableHttpClient httpClient;

    ProxyHttpPool(int maxConnections) {
        clients.init(KeycloakHttpOptions.with(Map.of(
            "connection-pool-size", String.valueOf(maxConnections),
            "max-pooled-per-route", String.valueOf(maxConnections),
            "max-retries", "0")));
    }

    /** Built on first use: Keycloak's truststore is only reachable through a session. */
    CloseableHttpClient client(KeycloakSession session) {
        CloseableHttpClient built = httpClient;
        if (built == null) {
            synchronized (this) {
                if (httpClient == null) {
                    httpClient = clients.create(session).getHttpClient();
                }
                built = httpClient;
            }
        }
        return built;
    }

    @Override
    public void close() {
        clients.close();
    }
}
