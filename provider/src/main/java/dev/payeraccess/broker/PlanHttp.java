package dev.payeraccess.broker;

import org.apache.http.client.config.RequestConfig;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.models.KeycloakSession;

/**
 * Outbound calls to a plan: Keycloak's HTTP client (so its proxy, truststore and pool settings apply),
 * bounded in time by the plan's {@code upstreamTimeoutMs} and in size by what the caller expects.
 */
public final class PlanHttp {

    private PlanHttp() {
    }

    public static SimpleHttp bounded(KeycloakSession session, int timeoutMs, long maxAnswerBytes) {
        RequestConfig timeouts = RequestConfig.custom().setConnectTimeout(timeoutMs).setSocketTimeout(timeoutMs)
            .setConnectionRequestTimeout(timeoutMs).build();
        return SimpleHttp.create(session).withRequestConfig(timeouts).withMaxConsumedResponseSize(maxAnswerBytes);
    }
}
