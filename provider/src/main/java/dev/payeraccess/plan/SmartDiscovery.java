package dev.payeraccess.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

/** Reads a plan's SMART discovery document ({@code {fhirBase}/.well-known/smart-configuration}). */
public final class SmartDiscovery {

    static final String WELL_KNOWN = "/.well-known/smart-configuration";
    /** A discovery document is small; a larger answer is not one. */
    private static final long MAX_DOCUMENT_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SmartDiscovery() {
    }

    /**
     * @throws IllegalArgumentException with a reason an administrator understands
     */
    public static SmartConfiguration fetch(KeycloakSession session, String fhirBaseUrl, int timeoutMs) {
        String url = fhirBaseUrl + WELL_KNOWN;
        try (SimpleHttpResponse response = PlanHttp.documents(session, timeoutMs, MAX_DOCUMENT_BYTES)
            .doGet(url).acceptJson().asResponse()) {
            if (response.getStatus() != 200) {
                throw new IllegalArgumentException(url + " answered HTTP " + response.getStatus());
            }
            JsonNode doc = JSON.readTree(response.asString());
            try {
                return SmartConfiguration.parse(doc);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(url + " is not a usable SMART configuration: " + e.getMessage());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(url + " could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
