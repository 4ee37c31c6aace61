package dev.payeraccess.proxy;

import java.time.Duration;
import java.util.Optional;
import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.provider.Provider;

/**
 * What bounds the proxy on one node, so one member cannot stall the server: how many requests a user and a
 * link may have at once, the proxy's own HTTP connection pool to plans (separate from the one Keycloak
 * uses for logins and brokering), and a total deadline per proxied request.
 */
public interface ProxyLimits extends Provider {

    /** An admission, or empty when the user or the link already holds its share (the app gets 429). */
    Optional<ConcurrencyLimit.Admission> admit(String userId, String alias);

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
