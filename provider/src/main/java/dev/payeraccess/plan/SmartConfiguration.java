package dev.payeraccess.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a SMART App Launch discovery document ({@code {fhirBase}/.well-known/smart-configuration})
 * the broker uses, and those a conformance check compares with a plan's settings. A plan's document is untrusted:
 * an endpoint longer than a URL the extension would call is refused, and each list keeps at most
 * {@link #MAX_LIST_ENTRIES} strings of at most {@link #MAX_ENTRY_CHARS} (values of another type are left out).
 *
 * @param tokenEndpointAuthMethods RFC 8414 {@code token_endpoint_auth_methods_supported}; empty when not listed
 *     (RFC 8414 then means {@code client_secret_basic})
 * @param capabilities SMART's {@code capabilities}, e.g. {@code permission-v2}, {@code client-confidential-symmetric}
 */
public record SmartConfiguration(String authorizationEndpoint, String tokenEndpoint,
                                 Optional<String> revocationEndpoint, List<String> codeChallengeMethods,
                                 List<String> scopesSupported, List<String> tokenEndpointAuthMethods,
                                 List<String> capabilities) {

    /** Longer than any real endpoint URL (browsers and proxies stop at a few thousand characters). */
    static final int MAX_URL_CHARS = 2048;
    /** SMART lists about 20 capabilities; a plan's {@code scopes_supported} names a scope or two per type. */
    static final int MAX_LIST_ENTRIES = 256;
    /** A capability, scope or method name. */
    static final int MAX_ENTRY_CHARS = 256;

    /**
     * @throws IllegalArgumentException naming what the document lacks
     */
    public static SmartConfiguration parse(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("the document is not a JSON object");
        }
        String authorization = url(doc, "authorization_endpoint")
            .orElseThrow(() -> new IllegalArgumentException("it has no authorization_endpoint"));
        String token = url(doc, "token_endpoint")
            .orElseThrow(() -> new IllegalArgumentException("it has no token_endpoint"));
        return new SmartConfiguration(authorization, token, url(doc, "revocation_endpoint"),
            strings(doc, "code_challenge_methods_supported"), strings(doc, "scopes_supported"),
            strings(doc, "token_endpoint_auth_methods_supported"), strings(doc, "capabilities"));
    }

    /** SMART says S256 must be listed; a document that lists methods without it cannot take our PKCE. */
    public boolean refusesS256() {
        return !codeChallengeMethods.isEmpty() && !codeChallengeMethods.contains("S256");
    }

    private static Optional<String> url(JsonNode doc, String field) {
        Optional<String> url = text(doc, field);
        if (url.isPresent() && url.get().length() > MAX_URL_CHARS) {
            throw new IllegalArgumentException("its " + field + " is longer than " + MAX_URL_CHARS + " characters");
        }
        return url;
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
            for (int i = 0; i < array.size() && values.size() < MAX_LIST_ENTRIES; i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && value.asText().length() <= MAX_ENTRY_CHARS) {
                    values.add(value.asText());
                }
            }
        }
        return List.copyOf(values);
    }
}
