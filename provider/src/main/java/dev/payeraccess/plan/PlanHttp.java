package dev.payeraccess.plan;

import org.apache.http.client.HttpClient;
import org.apache.http.client.config.RequestConfig;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.models.KeycloakSession;

/**
 * The one HTTP configuration of calls to a plan: Keycloak's HTTP client (so its outgoing proxy, truststore
 * and pool settings apply), no redirects followed (a plan's answer never sends a member token elsewhere),
 * bounded in time by the plan's {@code upstreamTimeoutMs} and, for small documents, in size.
 */
final class PlanHttp {

    private PlanHttp() {
    }

    /** Connect, wait for a pooled connection, and each read of the answer: all bounded by {@code timeoutMs}. */
    static RequestConfig requestConfig(int timeoutMs) {
        return RequestConfig.custom().setConnectTimeout(timeoutMs).setSocketTimeout(timeoutMs)
            .setConnectionRequestTimeout(timeoutMs).setRedirectsEnabled(false).build();
    }

    /** For discovery and Patient-search calls, whose answers are small documents, on Keycloak's pooled client. */
    static SimpleHttp documents(KeycloakSession session, int timeoutMs, long maxAnswerBytes) {
        return SimpleHttp.create(session).withRequestConfig(requestConfig(timeoutMs))
            .withMaxConsumedResponseSize(maxAnswerBytes);
    }

    /** The same, on {@code client}: for token and revocation calls, {@link PlanConnections#fresh()}. */
    static SimpleHttp documents(HttpClient client, int timeoutMs, long maxAnswerBytes) {
        return SimpleHttp.create(client).withRequestConfig(requestConfig(timeoutMs))
            .withMaxConsumedResponseSize(maxAnswerBytes);
    }
}
