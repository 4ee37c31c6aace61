package dev.payeraccess.plan;

import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.provider.Provider;

/**
 * Connections to plans that a pool cannot promise: a new one for every request; and where this node may connect to
 * at all ({@link #targets()}). A pooled connection may have been
 * closed by the plan's side while it sat idle (servers and load balancers end idle keep-alive connections after 60 s
 * to a few minutes, some without a word) or be closed just as a request goes out on it; the request then fails after
 * it was sent, and nobody can tell whether the plan acted on it.
 *
 * <p>Found through Keycloak ({@code session.getProvider(PlanConnections.class)}); the SPI is
 * {@code payer-access-plan-connections}.
 */
public interface PlanConnections extends Provider {

    /**
     * A client that opens a new connection for each request and closes it after the answer, with Keycloak's
     * outgoing HTTP settings ({@code connectionsHttpClient}: truststore, {@code proxy-mappings}, client keystore).
     * It never re-sends a request it has sent. For calls that are rare and must not fail on a stale connection: the
     * token and revocation endpoints, and the one repeat of a read whose pooled connection failed.
     */
    CloseableHttpClient fresh();

    /**
     * Where this node may call out ({@link OutboundTargets}): public https addresses only, unless the node was
     * started with {@value OutboundTargets#DEVELOPMENT_SWITCH}. A node option, never a realm setting: a realm
     * administrator cannot turn it on.
     */
    OutboundTargets targets();

    /** Lives as long as its factory; nothing per session. */
    @Override
    default void close() {
    }
}
