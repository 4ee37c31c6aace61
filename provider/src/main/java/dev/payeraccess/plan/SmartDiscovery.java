package dev.payeraccess.plan;

import java.io.IOException;
import java.time.Duration;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

/** Reads a plan's SMART discovery document ({@code {fhirBase}/.well-known/smart-configuration}). */
public final class SmartDiscovery {

    static final String WELL_KNOWN = "/.well-known/smart-configuration";
    /** A discovery document is small; a larger answer is not one. */
    private static final long MAX_DOCUMENT_BYTES = 256 * 1024;

    private SmartDiscovery() {
    }

    /** Where a plan with this FHIR base publishes its discovery document. */
    public static String url(String fhirBaseUrl) {
        return fhirBaseUrl + WELL_KNOWN;
    }

    /**
     * For saving a plan: the document, or a refusal naming the URL and what is wrong.
     *
     * @throws IllegalArgumentException with a reason an administrator understands
     */
    public static SmartConfiguration fetch(KeycloakSession session, String fhirBaseUrl, int timeoutMs) {
        String url = url(fhirBaseUrl);
        PlanFetch<SmartConfiguration> fetched = read(session, fhirBaseUrl, timeoutMs);
        return fetched.value().orElseThrow(() -> {
            PlanFetch.Failure failure = fetched.failure().orElseThrow();
            return new IllegalArgumentException(url + (failure.kind() == PlanFetch.Kind.UNUSABLE
                ? " is not a usable SMART configuration: " + failure.reason() : " " + failure.reason()));
        });
    }

    /**
     * One GET of the document, bounded by {@code timeoutMs}: parsed, or why not (the URL is {@link #url(String)}),
     * and how long the plan took. Never throws for anything the plan does.
     */
    public static PlanFetch<SmartConfiguration> read(KeycloakSession session, String fhirBaseUrl, int timeoutMs) {
        return read(DocumentClient.of(session), fhirBaseUrl, timeoutMs);
    }

    /** {@link #read(KeycloakSession, String, int)} through {@code client}, without a session. */
    public static PlanFetch<SmartConfiguration> read(DocumentClient client, String fhirBaseUrl, int timeoutMs) {
        long start = System.nanoTime();
        try (SimpleHttpResponse response = client.get(url(fhirBaseUrl), timeoutMs, MAX_DOCUMENT_BYTES).acceptJson()
            .asResponse()) {
            if (response.getStatus() != 200) {
                return PlanFetch.failed(PlanFetch.since(start), PlanFetch.Failure.status(response.getStatus()));
            }
            return PlanFetch.read(PlanFetch.since(start), SmartConfiguration.parse(PlanJson.tree(
                response.asString())));
        } catch (IllegalArgumentException e) {
            return PlanFetch.failed(PlanFetch.since(start), PlanFetch.Failure.unusable(e.getMessage()));
        } catch (IOException e) {
            Duration took = PlanFetch.since(start);
            return PlanFetch.failed(took, PlanFetch.Failure.of(e, timeoutMs, took));
        }
    }
}
