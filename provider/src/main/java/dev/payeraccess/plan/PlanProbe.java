package dev.payeraccess.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

/**
 * Asks a plan, without any member's token, whether it is there: its SMART discovery document and its
 * CapabilityStatement, each timed. What failed is said in words for administrators; nothing of the plan's
 * answers is quoted.
 */
public final class PlanProbe {

    /** A CapabilityStatement may list every resource type and search parameter of a large server. */
    private static final long MAX_METADATA_BYTES = 4L * 1024 * 1024;
    private static final long MAX_DISCOVERY_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How one document answered.
     *
     * @param status the HTTP status, empty when there was no answer
     * @param failure what went wrong, for administrators; empty when the document was read
     */
    public record Reach(Optional<Integer> status, long latencyMs, Optional<String> failure) {

        public boolean ok() {
            return failure.isEmpty();
        }
    }

    /** @param capabilities what the CapabilityStatement declares, when it could be read */
    public record Result(Reach discovery, Reach metadata, Optional<PlanCapabilities> capabilities) {
    }

    private final KeycloakSession session;
    private final int timeoutMs;

    /** @param timeoutMs for each of the two documents */
    public PlanProbe(KeycloakSession session, int timeoutMs) {
        this.session = session;
        this.timeoutMs = timeoutMs;
    }

    public Result probe(String fhirBaseUrl) {
        Reach discovery = fetch(fhirBaseUrl + SmartDiscovery.WELL_KNOWN, MAX_DISCOVERY_BYTES, doc ->
            SmartConfiguration.parse(doc)).reach();
        Fetched<PlanCapabilities> metadata = fetch(fhirBaseUrl + "/metadata", MAX_METADATA_BYTES,
            PlanCapabilities::from);
        return new Result(discovery, metadata.reach(), metadata.value());
    }

    private record Fetched<T>(Reach reach, Optional<T> value) {
    }

    private interface Reader<T> {
        T read(JsonNode document);
    }

    private <T> Fetched<T> fetch(String url, long maxBytes, Reader<T> reader) {
        long started = System.nanoTime();
        try (SimpleHttpResponse response = PlanHttp.documents(session, timeoutMs, maxBytes).doGet(url)
            .header("Accept", "application/fhir+json, application/json").asResponse()) {
            int status = response.getStatus();
            if (status != 200) {
                return new Fetched<>(new Reach(Optional.of(status), millisSince(started),
                    Optional.of(url + " answered HTTP " + status)), Optional.empty());
            }
            T value = reader.read(JSON.readTree(response.asString()));
            return new Fetched<>(new Reach(Optional.of(status), millisSince(started), Optional.empty()), Optional.of(value));
        } catch (IllegalArgumentException e) {
            return new Fetched<>(new Reach(Optional.of(200), millisSince(started),
                Optional.of(url + ": " + e.getMessage())), Optional.empty());
        } catch (IOException e) {
            boolean timedOut = e instanceof java.io.InterruptedIOException
                || e instanceof org.apache.http.conn.ConnectTimeoutException;
            String what = timedOut ? "did not answer within " + timeoutMs + " ms"
                : e instanceof com.fasterxml.jackson.core.JsonProcessingException ? "answered something that is not JSON"
                : "could not be reached (" + e.getClass().getSimpleName() + ")";
            return new Fetched<>(new Reach(Optional.empty(), millisSince(started), Optional.of(url + " " + what)),
                Optional.empty());
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
