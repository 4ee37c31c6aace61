package dev.payeraccess.plan;

import org.apache.http.client.HttpClient;
import org.apache.http.client.config.RequestConfig;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.models.KeycloakSession;

/**
 * The one HTTP configuration of calls to a plan: Keycloak's HTTP client (so its outgoing proxy, truststore
 * and pool settings apply), no redirects followed (a plan's answer never sends a member token elsewhere),
 * bounded in time by the plan's {@code upstreamTimeoutMs} and, for small documents, in size; and only to a URL the
 * node's {@link OutboundTargets} allows, checked just before the call.
 */
final class PlanHttp {

    private PlanHttp() {
    }

    /** Connect, wait for a pooled connection, and each read of the answer: all bounded by {@code timeoutMs}. */
    static RequestConfig requestConfig(int timeoutMs) {
        return RequestConfig.custom().setConnectTimeout(timeoutMs).setSocketTimeout(timeoutMs)
            .setConnectionRequestTimeout(timeoutMs).setRedirectsEnabled(false).build();
    }

    /**
     * A GET of a small document (discovery, CapabilityStatement, Patient search) on Keycloak's pooled client.
     *
     * @throws RefusedTarget when the node's {@link OutboundTargets} refuses {@code url}: nothing is sent
     */
    static SimpleHttpRequest get(KeycloakSession session, String url, int timeoutMs, long maxAnswerBytes)
        throws RefusedTarget {
        return DocumentClient.of(session).get(url, timeoutMs, maxAnswerBytes);
    }

    /**
     * A POST for a small answer on {@code connections}' new-connection client: token and revocation calls.
     *
     * @throws RefusedTarget when {@code connections}' {@link OutboundTargets} refuses {@code url}: nothing is sent
     */
    static SimpleHttpRequest post(PlanConnections connections, String url, int timeoutMs, long maxAnswerBytes)
        throws RefusedTarget {
        RefusedTarget.unlessAllowed(connections.targets(), url);
        HttpClient client = connections.fresh();
        return SimpleHttp.create(client).withRequestConfig(requestConfig(timeoutMs))
            .withMaxConsumedResponseSize(maxAnswerBytes).doPost(url);
    }
}
