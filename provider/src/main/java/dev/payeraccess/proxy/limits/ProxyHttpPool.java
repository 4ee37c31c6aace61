package dev.payeraccess.proxy.limits;

import java.util.Map;
import java.util.Set;
import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.Config;
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
        clients.init(new PoolScope(Config.scope("connectionsHttpClient", "default"), Map.of(
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

    /** Keycloak's HTTP client options, with the proxy's own pool settings on top. */
    private record PoolScope(Config.Scope keycloak, Map<String, String> own) implements Config.Scope {

        @Override
        public String get(String key) {
            return own.containsKey(key) ? own.get(key) : keycloak.get(key);
        }

        @Override
        public String get(String key, String defaultValue) {
            return own.containsKey(key) ? own.get(key) : keycloak.get(key, defaultValue);
        }

        @Override
        public String[] getArray(String key) {
            return keycloak.getArray(key);
        }

        @Override
        public Integer getInt(String key) {
            return getInt(key, null);
        }

        @Override
        public Integer getInt(String key, Integer defaultValue) {
            return own.containsKey(key) ? Integer.valueOf(own.get(key)) : keycloak.getInt(key, defaultValue);
        }

        @Override
        public Long getLong(String key) {
            return getLong(key, null);
        }

        @Override
        public Long getLong(String key, Long defaultValue) {
            return own.containsKey(key) ? Long.valueOf(own.get(key)) : keycloak.getLong(key, defaultValue);
        }

        @Override
        public Boolean getBoolean(String key) {
            return getBoolean(key, null);
        }

        @Override
        public Boolean getBoolean(String key, Boolean defaultValue) {
            return own.containsKey(key) ? Boolean.valueOf(own.get(key)) : keycloak.getBoolean(key, defaultValue);
        }

        @Override
        public Config.Scope scope(String... path) {
            return keycloak.scope(path);
        }

        @Override
        public Set<String> getPropertyNames() {
            return keycloak.getPropertyNames();
        }

        @Override
        public Config.Scope root() {
            return keycloak.root();
        }
    }
}
