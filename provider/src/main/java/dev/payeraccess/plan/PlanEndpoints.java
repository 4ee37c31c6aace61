package dev.payeraccess.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom Keycloak talks to one health plan: everything the calls in this package need, taken
 * from the plan's configuration when a request starts. A value, so a renewal that runs in its own
 * transaction uses exactly the endpoints the request was checked against.
 *
 * @param alias the identity provider's alias, for log lines
 * @param clientAuthentication how the token and revocation endpoints learn this is the plan's client
 * @param timeoutMs the plan's {@code upstreamTimeoutMs}: connecting, and each read of an answer
 * @param pagingHosts other bases of the plan (a CDN, an API gateway) its {@code next} links may point at; the
 *     only URLs outside {@code fhirBaseUrl} the member's token is ever sent to
 */
public record PlanEndpoints(String alias, String fhirBaseUrl, String tokenUrl, Optional<String> revocationUrl,
                            String clientId, ClientAuthentication clientAuthentication, int timeoutMs,
                            List<String> pagingHosts) {

    public PlanEndpoints {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(fhirBaseUrl, "fhirBaseUrl");
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        revocationUrl = revocationUrl.filter(url -> !url.isBlank());
        pagingHosts = List.copyOf(pagingHosts);
    }

    /** The same plan and client with RFC 7009 revocation at {@code endpoint}, e.g. the one a stored token names. */
    public PlanEndpoints revokingAt(Optional<String> endpoint) {
        return new PlanEndpoints(alias, fhirBaseUrl, tokenUrl, endpoint, clientId, clientAuthentication, timeoutMs,
            pagingHosts);
    }

    /** The same plan and client, each call waiting at most {@code timeoutMs} (e.g. what is left of a deadline). */
    public PlanEndpoints withTimeoutMs(int timeoutMs) {
        return new PlanEndpoints(alias, fhirBaseUrl, tokenUrl, revocationUrl, clientId, clientAuthentication, timeoutMs,
            pagingHosts);
    }

    /** Never prints credentials. */
    @Override
    public String toString() {
        return "PlanEndpoints[alias=" + alias + ", fhirBaseUrl=" + fhirBaseUrl + ", tokenUrl=" + tokenUrl + "]";
    }
}
