package dev.payeraccess.proxy.limits;

import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The proxy's limits on one node, as set with {@code --spi-payer-access-proxy-limits--node-local--<name>}: the keys,
 * their defaults and their help text in one place.
 *
 * @param perUser proxied requests one user may have at once on this node
 * @param perLink proxied requests one user may have at once to one plan on this node
 * @param maxConnections connections of the proxy's own pool to plans on this node
 * @param deadline the most one proxied request may take, its streamed answer included
 */
record ProxyLimitSettings(int perUser, int perLink, int maxConnections, Duration deadline) {

    static final String MAX_REQUESTS_PER_USER = "maxRequestsPerUser";
    static final String MAX_REQUESTS_PER_LINK = "maxRequestsPerLink";
    static final String MAX_CONNECTIONS = "maxConnections";
    static final String REQUEST_DEADLINE_SECONDS = "requestDeadlineSeconds";

    static final ProxyLimitSettings DEFAULTS = new ProxyLimitSettings(8, 4, 64, Duration.ofSeconds(120));

    static ProxyLimitSettings of(Config.Scope config) {
        return new ProxyLimitSettings(config.getInt(MAX_REQUESTS_PER_USER, DEFAULTS.perUser()),
            config.getInt(MAX_REQUESTS_PER_LINK, DEFAULTS.perLink()),
            config.getInt(MAX_CONNECTIONS, DEFAULTS.maxConnections()),
            Duration.ofSeconds(config.getInt(REQUEST_DEADLINE_SECONDS, (int) DEFAULTS.deadline().toSeconds())));
    }

    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(MAX_REQUESTS_PER_USER).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULTS.perUser())
            .helpText("Proxied requests one user may have at once on this node; more get 429 with Retry-After.").add()
            .property().name(MAX_REQUESTS_PER_LINK).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULTS.perLink())
            .helpText("Proxied requests one user may have at once to one plan on this node.").add()
            .property().name(MAX_CONNECTIONS).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULTS.maxConnections())
            .helpText("Connections of the proxy's own pool to plans on this node.").add()
            .property().name(REQUEST_DEADLINE_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue((int) DEFAULTS.deadline().toSeconds())
            .helpText("The most one proxied request may take, its streamed answer included.").add()
            .build();
    }

    /** How long an admission or a slot can be held before it is taken back, whatever its holder does. */
    Duration holdLimit() {
        return deadline.plusSeconds(30);
    }
}
