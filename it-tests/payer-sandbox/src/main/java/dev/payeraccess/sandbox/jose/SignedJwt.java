package dev.payeraccess.sandbox.jose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A JWT in JWS compact serialization (RFC 7515 7.1), parsed but not yet trusted: read its header to find
 * the key, then {@link #isSignedBy} before believing any claim.
 */
public final class SignedJwt {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private final JsonNode header;
    private final JsonNode claims;
    private final byte[] signingInput;
    private final byte[] signature;

    private SignedJwt(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    public static SignedJwt parse(String compact) throws JoseException {
        // Limit -1 keeps the empty signature of an alg "none" token, so it is refused for its alg, not its shape.
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new JoseException("it is not a JWS in compact serialization (header.payload.signature)");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new SignedJwt(object(parts[0], "header"), object(parts[1], "payload"), signingInput,
            decode(parts[2], "signature"));
    }

    /** The header's {@code alg}, as written (it may be "none" or anything else). */
    public String alg() {
        return header.path("alg").asText();
    }

    public Optional<String> kid() {
        JsonNode kid = header.get("kid");
        return kid != null && kid.isTextual() ? Optional.of(kid.asText()) : Optional.empty();
    }

    public JsonNode claims() {
        return claims;
    }

    /** Whether {@code key} made the signature with {@code algorithm}, and may sign with it at all. */
    public boolean isSignedBy(JsonWebKey key, JwsAlgorithm algorithm) {
        return key.suits(algorithm) && algorithm.verifies(key.publicKey(), signingInput, signature);
    }

    private static JsonNode object(String part, String name) throws JoseException {
        try {
            JsonNode node = JSON.readTree(decode(part, name));
            if (node == null || !node.isObject()) {
                throw new JoseException("its " + name + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new JoseException("its " + name + " is not JSON", e);
        }
    }

    private static byte[] decode(String part, String name) throws JoseException {
        try {
            return B64.decode(part);
        } catch (IllegalArgumentException e) {
            throw new JoseException("its " + name + " is not base64url", e);
        }
    }
}
