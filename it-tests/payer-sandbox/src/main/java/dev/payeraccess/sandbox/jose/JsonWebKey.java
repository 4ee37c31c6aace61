package dev.payeraccess.sandbox.jose;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A public signing key from a JWKS (RFC 7517): RSA, or EC on P-256 or P-384.
 *
 * @param alg the key's {@code alg}, when the set names it (Keycloak does)
 * @param curve the JWK {@code crv} of an EC key
 */
public record JsonWebKey(String kid, Optional<String> alg, Optional<String> curve, PublicKey publicKey) {

    /** JWK curve names and the JDK's names for them. */
    private static final Map<String, String> CURVES = Map.of("P-256", "secp256r1", "P-384", "secp384r1");
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    /**
     * The key, or empty for keys the sandbox cannot verify with: no kid, other types or curves, malformed, or
     * meant for encryption ({@code use} other than {@code sig}; Keycloak's certs hold an RSA-OAEP key too).
     */
    static Optional<JsonWebKey> parse(JsonNode jwk) {
        Optional<String> kid = text(jwk, "kid");
        if (kid.isEmpty() || !text(jwk, "use").map("sig"::equals).orElse(true)) {
            return Optional.empty();
        }
        try {
            Optional<PublicKey> key = switch (jwk.path("kty").asText()) {
                case "RSA" -> Optional.of(rsa(jwk));
                case "EC" -> ec(jwk);
                default -> Optional.empty();
            };
            return key.map(k -> new JsonWebKey(kid.get(), text(jwk, "alg"), text(jwk, "crv"), k));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether this key may verify a signature made with {@code algorithm}. */
    public boolean suits(JwsAlgorithm algorithm) {
        return alg.map(algorithm.name()::equals).orElse(true)
            && publicKey.getAlgorithm().equals(algorithm.keyType())
            && algorithm.curve().map(c -> curve.equals(Optional.of(c))).orElse(true);
    }

    private static PublicKey rsa(JsonNode jwk) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(number(jwk, "n"), number(jwk, "e")));
    }

    private static Optional<PublicKey> ec(JsonNode jwk) throws GeneralSecurityException {
        String jdkCurve = CURVES.get(jwk.path("crv").asText());
        if (jdkCurve == null) {
            return Optional.empty();
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(jdkCurve));
        ECPoint point = new ECPoint(number(jwk, "x"), number(jwk, "y"));
        return Optional.of(KeyFactory.getInstance("EC").generatePublic(
            new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class))));
    }

    private static BigInteger number(JsonNode jwk, String member) {
        String value = jwk.path(member).asText();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("JWK member " + member + " is missing");
        }
        return new BigInteger(1, B64.decode(value));
    }

    private static Optional<String> text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
