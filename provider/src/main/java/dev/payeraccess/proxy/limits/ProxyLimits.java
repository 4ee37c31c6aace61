package dev.payeraccess.proxy.limits;

import java.time.Duration;
import java.util.Optional;
import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.provider.Provider;

/**
 * What bounds the proxy on one node, so one member cannot stall the server and no plan is flooded: how many
 * requests a user and a link may have at once, each plan's gate (its caps and the waits it asked for), the
 * proxy's own HTTP connection pool to plans (separate from the one Keycloak uses for logins and brokering), and
 * a total deadline per proxied request.
 */
public interface ProxyLimits extends Provider {

    /**
     * An admission, at once or after a short wait for its turn; empty when the user or the link already holds its
     * share and may not wait (the app gets 429).
     */
    Optional<ConcurrencyLimit.Admission> admit(String userId, String alias);

    /**
     * An admission only if the user and the link have room now, never waiting (a read across the member's plans:
     * a plan past the user's share is refused at once instead of waiting behind the read's own other plans).
     */
    Optional<ConcurrencyLimit.Admission> tryAdmit(String userId, String alias);

    /**
     * This node's gate to the FHIR API of plan {@code alias} of the realm {@code realmId}. The plan's caps are
     * passed to it on each request, so there is one gate per plan whatever its settings, for the node's life.
     */
    PlanGate planGate(String realmId, String alias);

    /** The waits plans asked of single members on this node (their 429s). */
    MemberWaits memberWaits();

    /** The proxy's connection pool to plans, with Keycloak's truststore and outgoing-proxy settings. */
    CloseableHttpClient httpClient();

    /** The most one proxied request may take, its whole answer streamed included. */
    Duration deadline();

    /** Seconds an app should wait before trying again after a 429. */
    int retryAfterSeconds();

    /** Lives as long as its factory; nothing per session. */
    @Override
    default void close() {
    }
}
