package dev.payeraccess.token;

import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * {@link OpenedLinks} in this node's memory, bounded in entries and idle time. A small cache of our own
 * rather than Keycloak's {@code LocalCacheProvider}: that API appeared in Keycloak 26.6 and changed
 * since, and an extension must start on every 26.x an organization runs.
 */
public final class NodeLocalOpenedLinksFactory implements OpenedLinksFactory {

    static final String MAX_ENTRIES = "maxEntries";
    static final String IDLE_MINUTES = "idleMinutes";
    private static final int DEFAULT_MAX_ENTRIES = 10_000;
    private static final int DEFAULT_IDLE_MINUTES = 5;

    private OpenedLinkCache cache;

    @Override
    public OpenedLinks create(KeycloakSession session) {
        return cache;
    }

    @Override
    public void init(Config.Scope config) {
        cache = new OpenedLinkCache(config.getInt(MAX_ENTRIES, DEFAULT_MAX_ENTRIES),
            Duration.ofMinutes(config.getInt(IDLE_MINUTES, DEFAULT_IDLE_MINUTES)), System::nanoTime);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to wire: the cache is complete after init.
    }

    @Override
    public void close() {
        cache.clear();
    }

    @Override
    public String getId() {
        return "node-local";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(MAX_ENTRIES).type(ProviderConfigProperty.INTEGER_TYPE)
            .helpText("Decrypted links kept per node; the least recently used go first.")
            .defaultValue(DEFAULT_MAX_ENTRIES).add()
            .property().name(IDLE_MINUTES).type(ProviderConfigProperty.INTEGER_TYPE)
            .helpText("Minutes a decrypted link stays in memory after its last use.")
            .defaultValue(DEFAULT_IDLE_MINUTES).add()
            .build();
    }
}
