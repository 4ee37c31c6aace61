package dev.payeraccess.sandbox.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.sandbox.PlanUrls;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;

/**
 * Signs OpenID Connect id_tokens (RS256) carrying the SMART {@code fhirUser} claim, with a key pair made
 * when the sandbox starts and published at {@code /oauth2/jwks}.
 */
public final class IdTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String KEY_ID = "sandbox-1";

    private final ObjectMapper json = new ObjectMapper();
    private final KeyPair keys;
    private final Clock clock;

    public IdTokens(Clock clock) {
        this.clock = clock;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    String issue(MemberConsent consent, PlanUrls urls) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = json.createObjectNode()
            .put("iss", urls.issuer())
            .put("sub", consent.member().patientId())
            .put("aud", consent.client().clientId())
            .put("iat", now)
            .put("exp", now + 3600)
            .put("fhirUser", urls.fhirBase() + "/Patient/" + consent.member().patientId())
            .put("email", consent.email());
        ObjectNode header = json.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", KEY_ID);
        String signingInput = encode(header) + "." + encode(claims);
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    /** The public key as a JSON Web Key Set. */
    public String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        ObjectNode jwk = json.createObjectNode()
            .put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", KEY_ID)
            .put("n", B64.encodeToString(unsigned(key.getModulus())))
            .put("e", B64.encodeToString(unsigned(key.getPublicExponent())));
        ObjectNode set = json.createObjectNode();
        set.putArray("keys").add(jwk);
        return set.toString();
    }

    private String encode(ObjectNode node) {
        return B64.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] sign(String input) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing with the sandbox's own RSA key failed", e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] != 0) {
            return bytes;
        }
        byte[] trimmed = new byte[bytes.length - 1];
        System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
        return trimmed;
    }
}
