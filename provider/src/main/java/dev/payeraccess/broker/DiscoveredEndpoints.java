package dev.payeraccess.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The endpoints SMART discovery filled in for the administrator, each with the value discovery gave it, kept on the
 * plan ({@value PlanIdentityProviderConfig#DISCOVERED_ENDPOINTS}) until the administrator confirms or retypes them.
 * The admin console saves the whole form back, so a later save tells an endpoint the administrator typed (its value
 * changed) from one the form merely sent back as discovery filled it. Pure.
 *
 * <p>Why it matters: Keycloak sends members' authorization codes, refresh tokens and the plan's client credentials
 * to these endpoints, and the discovery document is the plan's (or whoever controls its FHIR base): it must not
 * decide alone where those go. Real plans often sign members in on another domain (a hosted identity service), so no
 * rule about the URLs could decide it either; the administrator compares them with the plan's documentation.
 *
 * @param values setting key ({@code authorizationUrl}, {@code tokenUrl}, {@code revocationUrl}) to the value discovery
 *     filled in
 */
record DiscoveredEndpoints(Map<String, String> values) {

    static final DiscoveredEndpoints NONE = new DiscoveredEndpoints(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    DiscoveredEndpoints {
        values = Map.copyOf(values);
    }

    /**
     * As stored; {@link #NONE} when nothing is stored. Text that is no such record (only an administrator could have
     * written it through the admin API) counts as none: the endpoints are then the administrator's own.
     */
    static DiscoveredEndpoints parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return NONE;
        }
        try {
            JsonNode tree = JSON.readTree(stored);
            Map<String, String> values = new LinkedHashMap<>();
            if (tree != null && tree.isObject()) {
                tree.fields().forEachRemaining(field -> {
                    if (field.getValue().isTextual()) {
                        values.put(field.getKey(), field.getValue().asText());
                    }
                });
            }
            return new DiscoveredEndpoints(values);
        } catch (JsonProcessingException e) {
            return NONE;
        }
    }

    /** A JSON object of key and value, in key order so the same record is always the same text. */
    String toJson() {
        try {
            return JSON.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /**
     * The endpoints {@code config} still holds as discovery filled them; those whose value differs were typed by the
     * administrator (or cleared), which confirms them.
     */
    DiscoveredEndpoints unchangedIn(Map<String, String> config) {
        Map<String, String> unchanged = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (Objects.equals(trimmed(config.get(key)), trimmed(value))) {
                unchanged.put(key, value);
            }
        });
        return new DiscoveredEndpoints(unchanged);
    }

    /** This record with {@code filled} added, a newly discovered value replacing an older one. */
    DiscoveredEndpoints with(DiscoveredEndpoints filled) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.putAll(filled.values);
        return new DiscoveredEndpoints(all);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
