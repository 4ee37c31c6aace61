package dev.payeraccess.sandbox.jose;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Optional;

/**
 * The JWS algorithms (RFC 7518) the sandbox verifies: those SMART App Launch names for asymmetric client
 * authentication (RS384, ES384) and Keycloak's defaults (RS256, ES256). {@code none} and HMAC are not among
 * them, so an unsigned or secret-keyed assertion never verifies.
 */
public enum JwsAlgorithm {
    RS256("SHA256withRSA", "RSA", Optional.empty()),
    RS384("SHA384withRSA", "RSA", Optional.empty()),
    // JOSE writes an ECDSA signature as R || S, each as long as the curve's order (RFC 7518 3.4), which is
    // IEEE P1363's format; the JDK verifies it as such, so no conversion to DER is needed.
    ES256("SHA256withECDSAinP1363Format", "EC", Optional.of("P-256")),
    ES384("SHA384withECDSAinP1363Format", "EC", Optional.of("P-384"));

    private final String jdkName;
    private final String keyType;
    private final Optional<String> curve;

    JwsAlgorithm(String jdkName, String keyType, Optional<String> curve) {
        this.jdkName = jdkName;
        this.keyType = keyType;
        this.curve = curve;
    }

    public static Optional<JwsAlgorithm> named(String alg) {
        return Arrays.stream(values()).filter(a -> a.name().equals(alg)).findFirst();
    }

    /** The JWK {@code kty} of keys that sign with this algorithm. */
    public String keyType() {
        return keyType;
    }

    /** The JWK {@code crv} ES algorithms require (RFC 7518 3.4); empty for RSA. */
    public Optional<String> curve() {
        return curve;
    }

    /** A malformed signature, or one of the wrong length, does not verify rather than fail. */
    boolean verifies(PublicKey key, byte[] signingInput, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(jdkName);
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
