package dev.payeraccess.plan;

import java.util.Collection;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/**
 * Asks a plan, without any member's token, whether it is there: its SMART discovery document and its
 * CapabilityStatement, each timed ({@link SmartDiscovery#read}, {@link PlanMetadata#read}). What failed is said in
 * words for administrators; nothing of the plan's answers is quoted.
 */
public final class PlanProbe {

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

        /** {@code fetch} of the document at {@code url}; an unusable document was a 200 answer. */
        static Reach of(String url, PlanFetch<?> fetch) {
            long latencyMs = fetch.latency().toMillis();
            if (fetch.failure().isEmpty()) {
                return new Reach(Optional.of(200), latencyMs, Optional.empty());
            }
            PlanFetch.Failure failure = fetch.failure().get();
            if (failure.kind() == PlanFetch.Kind.UNUSABLE) {
                return new Reach(Optional.of(200), latencyMs, Optional.of(url + ": " + failure.reason()));
            }
            Optional<Integer> status = failure.status().isPresent() ? Optional.of(failure.status().getAsInt())
                : Optional.empty();
            return new Reach(status, latencyMs, Optional.of(url + " " + failure.reason()));
        }
    }

    /** @param capabilities what the CapabilityStatement declares, when it could be read */
    public record Result(Reach discovery, Reach metadata, Optional<PlanCapabilities> capabilities) {
    }

    private final DocumentClient client;
    private final int timeoutMs;

    /** @param timeoutMs for each of the two documents */
    public PlanProbe(KeycloakSession session, int timeoutMs) {
        this(DocumentClient.of(session), timeoutMs);
    }

    /**
     * A probe through {@code client}, without a session: what a probe round's threads run.
     *
     * @param timeoutMs for each of the two documents
     */
    public PlanProbe(DocumentClient client, int timeoutMs) {
        this.client = client;
        this.timeoutMs = timeoutMs;
    }

    /** @param servable the types the plan may serve: what is kept of its CapabilityStatement */
    public Result probe(String fhirBaseUrl, Collection<String> servable) {
        PlanFetch<SmartConfiguration> discovery = SmartDiscovery.read(client, fhirBaseUrl, timeoutMs);
        PlanFetch<PlanCapabilities> metadata = PlanMetadata.read(client, fhirBaseUrl, timeoutMs, servable);
        return new Result(Reach.of(SmartDiscovery.url(fhirBaseUrl), discovery),
            Reach.of(PlanMetadata.url(fhirBaseUrl), metadata), metadata.value());
    }
}
