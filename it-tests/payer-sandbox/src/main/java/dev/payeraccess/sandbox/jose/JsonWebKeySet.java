package dev.payeraccess.sandbox.jose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The usable signing keys of a JWKS document; keys the sandbox cannot verify with are left out. */
public record JsonWebKeySet(List<JsonWebKey> keys) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonWebKeySet {
        keys = List.copyOf(keys);
    }

    public static JsonWebKeySet parse(String json) throws JoseException {
        JsonNode document;
        try {
            document = JSON.readTree(json);
        } catch (IOException e) {
            throw new JoseException("the JWKS is not JSON", e);
        }
        if (document == null || !document.path("keys").isArray()) {
            throw new JoseException("the JWKS has no \"keys\" array");
        }
        List<JsonWebKey> keys = new ArrayList<>();
        document.path("keys").forEach(jwk -> JsonWebKey.parse(jwk).ifPresent(keys::add));
        return new JsonWebKeySet(keys);
    }

    public Optional<JsonWebKey> byKid(String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
    }
}
