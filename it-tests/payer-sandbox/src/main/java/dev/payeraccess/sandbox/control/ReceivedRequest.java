package dev.payeraccess.sandbox.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the sandbox received it, so tests can assert what the plan saw (or that it saw
 * nothing).
 *
 * @param headers header names in lower case
 * @param grantType the {@code grant_type} of a token request, else empty
 */
public record ReceivedRequest(Instant at, Area area, String method, String path, String query,
                              Map<String, List<String>> headers, Optional<String> grantType) {

    /**
     * A read of what a client looks at before any member's data: the plan's CapabilityStatement or its SMART
     * discovery document (save-time discovery and health probes read them; no member's token goes with them).
     */
    public boolean discovery() {
        return area == Area.FHIR && (path.endsWith("/metadata") || path.endsWith("/.well-known/smart-configuration"));
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
