package dev.payeraccess.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a SMART App Launch discovery document ({@code {fhirBase}/.well-known/smart-configuration})
 * the broker uses, and those a conformance check compares with a plan's settings.
 *
 * @param tokenEndpointAuthMethods RFC 8414 {@code token_endpoint_auth_methods_supported}; empty when not listed
 *     (RFC 8414 then means {@code client_secret_basic})
 * @param capabilities SMART's {@code capabilities}, e.g. {@code permission-v2}, {@code client-confidential-symmetric}
 */
public record SmartConfiguration(String authorizationEndpoint, String tokenEndpoint,
                                 Optional<String> revocationEndpoint, List<String> codeChallengeMethods,
                                 List<String> scopesSupported, List<String> tokenEndpointAuthMethods,
                                 List<String> capabilities) {

    /**
     * @throws IllegalArgumentException naming what the document lacks
     */
    public static SmartConfiguration parse(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("the document is not a JSON object");
        }
        String authorization = text(doc, "authorization_endpoint")
            .orElseThrow(() -> new IllegalArgumentException("it has no authorization_endpoint"));
        String token = text(doc, "token_endpoint")
            .orElseThrow(() -> new IllegalArgumentException("it has no token_endpoint"));
        return new SmartConfiguration(authorization, token, text(doc, "revocation_endpoint"),
            strings(doc, "code_challenge_methods_supported"), strings(doc, "scopes_supported"),
            strings(doc, "token_endpoint_auth_methods_supported"), strings(doc, "capabilities"));
    }

    /** SMART says S256 must be listed; a document that lists methods without it cannot take our PKCE. */
    public boolean refusesS256() {
        return !codeChallengeMethods.isEmpty() && !codeChallengeMethods.contains("S256");
    }

    private static Optional<String> text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
            ? Optional.of(value.asText().trim()) : Optional.empty();
    }

    private static List<String> strings(JsonNode doc, String field) {
        List<String> values = new ArrayList<>();
        JsonNode array = doc.get(field);
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return List.copyOf(values);
    }
}
