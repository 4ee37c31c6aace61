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
 * @param queuePerLink requests past {@code perLink} (or {@code perUser}) that wait their turn, per link and per user
 * @param waitingPerNode requests that may wait their turn on this node, all users together
 * @param queueWait the longest a request waits its turn before it gets 429
 * @param maxConnections connections of the proxy's own pool to plans on this node
 * @param deadline the most one proxied request may take, its streamed answer included
 * @param planSlotHold the longest one request counts against a plan's {@code maxConcurrentRequests}
 * @param longestPlanClosed the longest a plan's 503 closes it, whatever its {@code Retry-After}
 * @param memberSharePercent the part of a plan's {@code maxConcurrentRequests} one member may hold
 */
record ProxyLimitSettings(int perUser, int perLink, int queuePerLink, int waitingPerNode, Duration queueWait,
                          int maxConnections, Duration deadline, Duration planSlotHold, Duration longestPlanClosed,
                          int memberSharePercent) {

    static final String MAX_REQUESTS_PER_USER = "maxRequestsPerUser";
    static final String MAX_REQUESTS_PER_LINK = "maxRequestsPerLink";
    static final String QUEUE_PER_LINK = "queuePerLink";
    static final String MAX_WAITING_PER_NODE = "maxWaitingPerNode";
    static final String QUEUE_WAIT_SECONDS = "queueWaitSeconds";
    static final String MAX_CONNECTIONS = "maxConnections";
    static final String REQUEST_DEADLINE_SECONDS = "requestDeadlineSeconds";
    static final String PLAN_SLOT_SECONDS = "planSlotSeconds";
    static final String PLAN_CLOSED_SECONDS = "longestPlanClosedSeconds";
    static final String MEMBER_SHARE_PERCENT = "memberSharePercent";

    /**
     * A browser opens 6 connections per host over HTTP/1.1: 4 run and the rest of a first screen waits, with room to
     * spare for HTTP/2. 16 waiting per node is a third of Keycloak's default worker threads (the greater of 50 and
     * 4 per core). A plan's answer has {@code upstreamTimeoutMs} (30 s by default); its slot counts twice that.
     */
    static final ProxyLimitSettings DEFAULTS = new ProxyLimitSettings(8, 4, 8, 16, Duration.ofSeconds(10), 64,
        Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofMinutes(5), 50);

    static ProxyLimitSettings of(Config.Scope config) {
        return new ProxyLimitSettings(config.getInt(MAX_REQUESTS_PER_USER, DEFAULTS.perUser()),
            config.getInt(MAX_REQUESTS_PER_LINK, DEFAULTS.perLink()),
            config.getInt(QUEUE_PER_LINK, DEFAULTS.queuePerLink()),
            config.getInt(MAX_WAITING_PER_NODE, DEFAULTS.waitingPerNode()),
            seconds(config, QUEUE_WAIT_SECONDS, DEFAULTS.queueWait()),
            config.getInt(MAX_CONNECTIONS, DEFAULTS.maxConnections()),
            seconds(config, REQUEST_DEADLINE_SECONDS, DEFAULTS.deadline()),
            seconds(config, PLAN_SLOT_SECONDS, DEFAULTS.planSlotHold()),
            seconds(config, PLAN_CLOSED_SECONDS, DEFAULTS.longestPlanClosed()),
            Math.max(1, Math.min(100, config.getInt(MEMBER_SHARE_PERCENT, DEFAULTS.memberSharePercent()))));
    }

    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(MAX_REQUESTS_PER_USER).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULTS.perUser())
            .helpText("Proxied requests one user may have in progress at once on this node; more wait their turn "
                + "(see " + QUEUE_PER_LINK + ").").add()
            .property().name(MAX_REQUESTS_PER_LINK).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULTS.perLink())
            .helpText("Proxied requests one user may have in progress at once to one plan on this node; more wait "
                + "their turn (see " + QUEUE_PER_LINK + ").").add()
            .property().name(QUEUE_PER_LINK).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULTS.queuePerLink())
            .helpText("Requests past those limits that wait their turn, first come first served, per link and per "
                + "user; more get 429 with Retry-After at once. A browser opens 6 reads at once, more over HTTP/2.")
            .add()
            .property().name(MAX_WAITING_PER_NODE).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULTS.waitingPerNode())
            .helpText("Requests that may wait their turn on this node, all users together. Each holds a Keycloak "
                + "worker thread (http-pool-max-threads, by default the greater of 50 and 4 per core), so keep it "
                + "well below that.").add()
            .property().name(QUEUE_WAIT_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue((int) DEFAULTS.queueWait().toSeconds())
            .helpText("The longest a request waits its turn; then it gets 429 with Retry-After.").add()
            .property().name(MAX_CONNECTIONS).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULTS.maxConnections())
            .helpText("Connections of the proxy's own pool to plans on this node.").add()
            .property().name(REQUEST_DEADLINE_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue((int) DEFAULTS.deadline().toSeconds())
            .helpText("The most one proxied request may take, its streamed answer included.").add()
            .property().name(PLAN_SLOT_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue((int) DEFAULTS.planSlotHold().toSeconds())
            .helpText("The longest one request counts against a plan's maxConcurrentRequests on this node, its "
                + "streamed answer included: an app that reads slowly cannot hold a plan's slots from others.").add()
            .property().name(PLAN_CLOSED_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue((int) DEFAULTS.longestPlanClosed().toSeconds())
            .helpText("The longest a plan's 503 with Retry-After closes it on this node, whatever it asks; then one "
                + "request probes the plan before the others follow.").add()
            .property().name(MEMBER_SHARE_PERCENT).type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULTS.memberSharePercent())
            .helpText("The part of a plan's maxConcurrentRequests one member may hold on this node (rounded up; at "
                + "least 1, and never all of 2 or more).").add()
            .build();
    }

    /** How long an admission can be held before it is taken back, whatever its holder does. */
    Duration holdLimit() {
        return deadline.plusSeconds(30);
    }

    private static Duration seconds(Config.Scope config, String key, Duration fallback) {
        return Duration.ofSeconds(config.getInt(key, (int) fallback.toSeconds()));
    }
}
