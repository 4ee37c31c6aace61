package dev.payeraccess.plan;

import java.io.IOException;
import java.util.Map;
import org.apache.http.client.methods.HttpGet;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Sends one read to the plan's FHIR API through Keycloak's HTTP client with {@link PlanHttp}'s bounds.
 * Knows nothing about scopes or members: it gets a URL that was already checked to lie under the plan's
 * FHIR base, and a source of the member's token.
 */
public final class PlanFhirCall {

    private final KeycloakSession session;
    private final PlanEndpoints plan;

    public PlanFhirCall(KeycloakSession session, PlanEndpoints plan) {
        this.session = session;
        this.plan = plan;
    }

    /**
     * Reads {@code url} with the member's token. A 401 from the plan earns one renewal and one retry (the
     * token may have been revoked or expired early); a second 401 is a {@link PlanProblem.Kind#REJECTED_RENEWED_TOKEN}.
     *
     * @param headers the app's headers the plan may see ({@code If-None-Match} and the like), never its token
     * @throws E when the source has no usable token
     * @throws PlanProblem when the plan cannot be reached, times out or rejects a renewed token
     */
    public <E extends Exception> PlanAnswer read(String url, Map<String, String> headers, AccessTokenSource<E> tokens)
        throws E, PlanProblem {
        String token = tokens.current();
        PlanAnswer answer = get(url, token, headers);
        if (answer.status() != 401) {
            return answer;
        }
        answer.discard();
        answer = get(url, tokens.renewedAfterRejection(token), headers);
        if (answer.status() == 401) {
            answer.discard();
            throw new PlanProblem(PlanProblem.Kind.REJECTED_RENEWED_TOKEN, 502,
                "The health plan no longer accepts this connection.",
                "plan " + plan.alias() + " rejected a freshly renewed token");
        }
        return answer;
    }

    private PlanAnswer get(String url, String accessToken, Map<String, String> headers) throws PlanProblem {
        HttpGet get = new HttpGet(url);
        get.setConfig(PlanHttp.requestConfig(plan.timeoutMs()));
        headers.forEach(get::setHeader);
        get.setHeader("Accept", "application/fhir+json");
        get.setHeader("Authorization", "Bearer " + accessToken);
        try {
            return new PlanAnswer(session.getProvider(HttpClientProvider.class).getHttpClient().execute(get));
        } catch (IOException e) {
            throw PlanProblem.of(e, "FHIR API", plan);
        }
    }
}
