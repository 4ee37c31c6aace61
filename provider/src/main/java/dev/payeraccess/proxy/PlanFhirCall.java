package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblemException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpGet;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Sends one read to the plan through Keycloak's HTTP client, so the realm's outgoing proxy, truststore
 * and pool settings apply, bounded by the plan's {@code upstreamTimeoutMs} for connecting and for every
 * read of the answer. Knows nothing about scopes or members: it gets a URL the proxy already checked.
 */
final class PlanFhirCall {

    private final KeycloakSession session;
    private final String alias;
    private final int timeoutMs;

    PlanFhirCall(KeycloakSession session, String alias, int timeoutMs) {
        this.session = session;
        this.alias = alias;
        this.timeoutMs = timeoutMs;
    }

    /**
     * @param headers the app's headers the plan may see ({@code If-None-Match} and the like), never its token
     * @throws FhirProblemException 504 when the plan does not answer in time, 502 when it cannot be reached
     */
    PlanAnswer get(String url, String accessToken, Map<String, String> headers) throws FhirProblemException {
        HttpGet get = new HttpGet(url);
        get.setConfig(RequestConfig.custom().setConnectTimeout(timeoutMs).setSocketTimeout(timeoutMs)
            .setConnectionRequestTimeout(timeoutMs).setRedirectsEnabled(false).build());
        headers.forEach(get::setHeader);
        get.setHeader("Accept", "application/fhir+json");
        get.setHeader("Authorization", "Bearer " + accessToken);
        try {
            return new PlanAnswer(session.getProvider(HttpClientProvider.class).getHttpClient().execute(get));
        } catch (InterruptedIOException e) { // socket and connect timeouts alike
            throw new FhirProblemException(504, "timeout", "Plan " + alias + " did not answer within " + timeoutMs
                + " ms (the plan's upstreamTimeoutMs); retry later.");
        } catch (IOException e) {
            throw new FhirProblemException(502, "transient", "Plan " + alias + " could not be reached ("
                + e.getClass().getSimpleName() + "); retry later.");
        }
    }
}
