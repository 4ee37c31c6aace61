package dev.payeraccess.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * One side of the comparison: a FHIR base and the bearer token that opens it (the sandbox with the
 * member's plan token, or the proxy with the app's Keycloak token), or the extension's API for the floor.
 *
 * @param accept the media type asked for: {@code application/fhir+json} of FHIR, {@code application/json} of
 *               the extension's own API
 */
record ReadTarget(String name, String fhirBase, String bearer, String accept) {

    static final String FHIR_JSON = "application/fhir+json";
    static final String JSON = "application/json";

    /** Generous: a slow answer should be measured, not turned into an error. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(fhirBase + "/" + pathAndQuery))
            .header("Authorization", "Bearer " + bearer)
            .header("Accept", accept)
            .timeout(TIMEOUT)
            .GET().build();
    }
}
