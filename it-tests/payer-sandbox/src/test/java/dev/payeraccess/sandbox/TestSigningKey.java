package dev.payeraccess.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A client's signing key made in the test, its public JWK, and JWTs signed with it. ECDSA signatures are
 * made by the JDK in DER and turned into JOSE's R || S here by hand, independently of the sandbox's verifier.
 *
 * @param alg the JWS alg it signs with
 * @param curve the JWK crv of an EC key, else null
 */
record TestSigningKey(String kid, String alg, KeyPair keys, String curve) {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    static TestSigningKey rsa(String kid, String alg) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new TestSigningKey(kid, alg, generator.generateKeyPair(), null);
    }

    /** @param curve "P-256" or "P-384" */
    static TestSigningKey ec(String kid, String alg, String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve.equals("P-256") ? "secp256r1" : "secp384r1"));
        return new TestSigningKey(kid, alg, generator.generateKeyPair(), curve);
    }

    /** Another key pair that claims this key's kid: what an impostor would sign with. */
    TestSigningKey impostor() throws GeneralSecurityException {
        return curve == null ? rsa(kid, alg) : ec(kid, alg, curve);
    }

    ObjectNode jwk() {
        ObjectNode jwk = SandboxClient.JSON.createObjectNode().put("kid", kid).put("use", "sig").put("alg", alg);
        if (keys.getPublic() instanceof RSAPublicKey rsa) {
            return jwk.put("kty", "RSA").put("n", unsigned(rsa.getModulus()))
                .put("e", unsigned(rsa.getPublicExponent()));
        }
        ECPublicKey ec = (ECPublicKey) keys.getPublic();
        return jwk.put("kty", "EC").put("crv", curve)
            .put("x", fixed(ec.getW().getAffineX(), half())).put("y", fixed(ec.getW().getAffineY(), half()));
    }

    String sign(ObjectNode claims) throws GeneralSecurityException {
        ObjectNode header = SandboxClient.JSON.createObjectNode().put("alg", alg).put("typ", "JWT").put("kid", kid);
        String input = encode(header) + "." + encode(claims);
        Signature signature = Signature.getInstance(jdkAlgorithm());
        signature.initSign(keys.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        byte[] signed = signature.sign();
        return input + "." + B64.encodeToString(curve == null ? signed : derToJose(signed, half()));
    }

    /** An unsigned JWT (alg "none"), as an attacker would send it. */
    static String unsignedJwt(String kid, ObjectNode claims) {
        ObjectNode header = SandboxClient.JSON.createObjectNode().put("alg", "none").put("typ", "JWT").put("kid", kid);
        return encode(header) + "." + encode(claims) + ".";
    }

    private String jdkAlgorithm() {
        String hash = "SHA" + alg.substring(2);
        return alg.startsWith("RS") ? hash + "withRSA" : hash + "withECDSA";
    }

    private int half() {
        return "P-256".equals(curve) ? 32 : 48;
    }

    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }} to JOSE's fixed-length R || S (RFC 7518 3.4). */
    private static byte[] derToJose(byte[] der, int half) {
        int offset = (der[1] & 0x80) != 0 ? 2 + (der[1] & 0x7f) : 2;
        int rLength = der[offset + 1];
        byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength);
        int sOffset = offset + 2 + rLength;
        byte[] s = Arrays.copyOfRange(der, sOffset + 2, sOffset + 2 + der[sOffset + 1]);
        byte[] jose = new byte[2 * half];
        System.arraycopy(bytes(new BigInteger(1, r), half), 0, jose, 0, half);
        System.arraycopy(bytes(new BigInteger(1, s), half), 0, jose, half, half);
        return jose;
    }

    private static byte[] bytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private static String fixed(BigInteger value, int length) {
        return B64.encodeToString(bytes(value, length));
    }

    private static String unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        return B64.encodeToString(raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw);
    }

    private static String encode(ObjectNode json) {
        return B64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
