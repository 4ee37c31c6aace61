package dev.payeraccess.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom Keycloak talks to one health plan: everything the calls in this package need, taken
 * from the plan's configuration when a request starts. A value, so a renewal that runs in its own
 * transaction uses exactly the endpoints the request was checked against.
 *
 * @param alias the identity provider's alias, for log lines
 * @param clientSecret as configured: the secret itself or a Keycloak vault reference ({@code ${vault.key}})
 * @param clientAuthMethod {@code client_secret_post} or {@code client_secret_basic}
 * @param timeoutMs the plan's {@code upstreamTimeoutMs}: connecting, and each read of an answer
 */
public record PlanEndpoints(String alias, String fhirBaseUrl, String tokenUrl, Optional<String> revocationUrl,
                            String clientId, String clientSecret, String clientAuthMethod, int timeoutMs) {

    public PlanEndpoints {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(fhirBaseUrl, "fhirBaseUrl");
        revocationUrl = revocationUrl.filter(url -> !url.isBlank());
    }

    /** The same plan and client with RFC 7009 revocation at {@code endpoint}, e.g. the one a stored token names. */
    public PlanEndpoints revokingAt(Optional<String> endpoint) {
        return new PlanEndpoints(alias, fhirBaseUrl, tokenUrl, endpoint, clientId, clientSecret, clientAuthMethod,
            timeoutMs);
    }

    /** Never prints the client secret. */
    @Override
    public String toString() {
        return "PlanEndpoints[alias=" + alias + ", fhirBaseUrl=" + fhirBaseUrl + ", tokenUrl=" + tokenUrl + "]";
    }
}
