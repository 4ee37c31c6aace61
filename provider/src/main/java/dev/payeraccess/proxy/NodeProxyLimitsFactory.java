package dev.payeraccess.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.Config;
import org.keycloak.connections.httpclient.DefaultHttpClientFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * {@link ProxyLimits} of this node: everything it counts (requests in progress, each plan's {@link PlanGate}) lives
 * in this factory, which Keycloak keeps for the node's life, and is counted per node. The HTTP pool is built by Keycloak's own HTTP client factory from the
 * {@code connectionsHttpClient} options (truststore, {@code proxy-mappings}, client keystore), with the
 * pool size and timeouts of the proxy's options instead: same network rules, its own connections.
 */
public final class NodeProxyLimitsFactory implements ProxyLimitsFactory {

    static final String MAX_REQUESTS_PER_USER = "maxRequestsPerUser";
    static final String MAX_REQUESTS_PER_LINK = "maxRequestsPerLink";
    static final String MAX_CONNECTIONS = "maxConnections";
    static final String REQUEST_DEADLINE_SECONDS = "requestDeadlineSeconds";

    /**
     * Node-local state of each plan, kept by realm id and alias (never static, never in files). An entry is a few
     * hundred bytes, and a realm holds a handful of plans, so entries of deleted plans are not worth evicting.
     */
    private final Map<PlanKey, PlanGate> planGates = new ConcurrentHashMap<>();
    private final MemberWaits memberWaits = new MemberWaits(System::nanoTime);
    private ConcurrencyLimit limit;
    private Duration deadline;
    private int maxConnections;
    private DefaultHttpClientFactory clients;
    private volatile CloseableHttpClient httpClient;

    @Override
    public ProxyLimits create(KeycloakSession session) {
        return new ProxyLimits() {
            @Override
            public Optional<ConcurrencyLimit.Admission> admit(String userId, String alias) {
                return limit.admit(userId, alias);
            }

            @Override
            public PlanGate planGate(String realmId, String alias) {
                return planGates.computeIfAbsent(new PlanKey(realmId, alias),
                    key -> new PlanGate(deadline.plusSeconds(30), System::nanoTime));
            }

            @Override
            public MemberWaits memberWaits() {
                return memberWaits;
            }

            @Override
            public CloseableHttpClient httpClient() {
                return client(session);
            }

            @Override
            public Duration deadline() {
                return deadline;
            }

            @Override
            public int retryAfterSeconds() {
                return 1;
            }
        };
    }

    private CloseableHttpClient client(KeycloakSession session) {
        CloseableHttpClient built = httpClient;
        if (built == null) {
            synchronized (this) {
                if (httpClient == null) {
                    // Built on first use: Keycloak's truststore is only reachable through a session.
                    httpClient = clients.create(session).getHttpClient();
                }
                built = httpClient;
            }
        }
        return built;
    }

    @Override
    public void init(Config.Scope config) {
        deadline = Duration.ofSeconds(config.getInt(REQUEST_DEADLINE_SECONDS, 120));
        limit = new ConcurrencyLimit(config.getInt(MAX_REQUESTS_PER_USER, 8), config.getInt(MAX_REQUESTS_PER_LINK, 4),
            deadline.plusSeconds(30), System::nanoTime);
        maxConnections = config.getInt(MAX_CONNECTIONS, 64);
        clients = new DefaultHttpClientFactory();
        clients.init(new PoolScope(Config.scope("connectionsHttpClient", "default"), Map.of(
            "connection-pool-size", String.valueOf(maxConnections),
            "max-pooled-per-route", String.valueOf(maxConnections),
            "max-retries", "0")));
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
        return "node-local";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(MAX_REQUESTS_PER_USER).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(8)
            .helpText("Proxied requests one user may have at once on this node; more get 429 with Retry-After.").add()
            .property().name(MAX_REQUESTS_PER_LINK).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(4)
            .helpText("Proxied requests one user may have at once to one plan on this node.").add()
            .property().name(MAX_CONNECTIONS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(64)
            .helpText("Connections of the proxy's own pool to plans on this node.").add()
            .property().name(REQUEST_DEADLINE_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(120)
            .helpText("The most one proxied request may take, its streamed answer included.").add()
            .build();
    }

    private record PlanKey(String realmId, String alias) {
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
