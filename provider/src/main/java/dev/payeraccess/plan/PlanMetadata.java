package dev.payeraccess.plan;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

/**
 * Reads a plan's {@code CapabilityStatement} ({@code GET {fhirBase}/metadata}, no token: FHIR servers publish it
 * to anyone) and keeps what {@link PlanCapabilities} holds of the types the plan may serve.
 */
public final class PlanMetadata {

    /**
     * A CapabilityStatement may list every resource type and search parameter of a large server (HAPI's full one is
     * about 1 MB); the answer is not read past this, and {@link PlanCapabilities} walks it without building a tree.
     */
    private static final long MAX_STATEMENT_BYTES = PlanJson.MAX_STREAM_BYTES;

    private PlanMetadata() {
    }

    public static String url(String fhirBaseUrl) {
        return fhirBaseUrl + "/metadata";
    }

    /**
     * One GET of the statement, bounded by {@code timeoutMs}: what it declares, or why it could not be read (the
     * URL is {@link #url(String)}), and how long the plan took. Never throws for anything the plan does.
     *
     * @param servable the types the plan may serve (its allowed types): only their declarations are kept
     */
    public static PlanFetch<PlanCapabilities> read(KeycloakSession session, String fhirBaseUrl, int timeoutMs,
                                                   Collection<String> servable) {
        return read(DocumentClient.of(session), fhirBaseUrl, timeoutMs, servable);
    }

    /** {@link #read(KeycloakSession, String, int, Collection)} through {@code client}, without a session. */
    public static PlanFetch<PlanCapabilities> read(DocumentClient client, String fhirBaseUrl, int timeoutMs,
                                                   Collection<String> servable) {
        long start = System.nanoTime();
        try (SimpleHttpResponse response = client.get(url(fhirBaseUrl), timeoutMs, MAX_STATEMENT_BYTES)
            .header("Accept", "application/fhir+json, application/json").asResponse()) {
            if (response.getStatus() != 200) {
                return PlanFetch.failed(PlanFetch.since(start), PlanFetch.Failure.status(response.getStatus()));
            }
            return PlanFetch.read(PlanFetch.since(start),
                PlanCapabilities.read(response.asString(), servable));
        } catch (IllegalArgumentException e) {
            return PlanFetch.failed(PlanFetch.since(start), PlanFetch.Failure.unusable(e.getMessage()));
        } catch (IOException e) {
            Duration took = PlanFetch.since(start);
            return PlanFetch.failed(took, PlanFetch.Failure.of(e, timeoutMs, took));
        }
    }
}
