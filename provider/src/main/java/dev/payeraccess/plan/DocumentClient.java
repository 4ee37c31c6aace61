package dev.payeraccess.plan;

import org.apache.http.client.HttpClient;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.models.KeycloakSession;

/**
 * What reads a plan's small public documents (discovery, CapabilityStatement): an HTTP client and where this node
 * may call out. Holds no session, so a probe round can hand it to threads that never touch one; calls made through it
 * follow {@link PlanHttp}'s rules like every other call to a plan.
 *
 * @param http Keycloak's pooled client ({@link #of}), or a client of the caller's own, e.g. the health probe's
 */
public record DocumentClient(HttpClient http, OutboundTargets targets) {

    /** Keycloak's pooled HTTP client ({@code connectionsHttpClient} settings) and the node's targets. */
    public static DocumentClient of(KeycloakSession session) {
        return new DocumentClient(session.getProvider(HttpClientProvider.class).getHttpClient(),
            session.getProvider(PlanConnections.class).targets());
    }

    /**
     * A GET of a small document, bounded by {@code timeoutMs} and {@code maxAnswerBytes}, no redirects.
     *
     * @throws RefusedTarget when the node's {@link OutboundTargets} refuses {@code url}: nothing is sent
     */
    SimpleHttpRequest get(String url, int timeoutMs, long maxAnswerBytes) throws RefusedTarget {
        RefusedTarget.unlessAllowed(targets, url);
        return SimpleHttp.create(http).withRequestConfig(PlanHttp.requestConfig(timeoutMs))
            .withMaxConsumedResponseSize(maxAnswerBytes).doGet(url);
    }
}
