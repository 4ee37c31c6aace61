package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.payeraccess.plan.PlanTokenResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.common.crypto.CryptoProvider;
import org.keycloak.jose.jwe.JWEConstants;
import org.keycloak.jose.jwe.JWEHeader;
import org.keycloak.jose.jwe.JWEKeyStorage;
import org.keycloak.jose.jwe.alg.JWEAlgorithmProvider;
import org.keycloak.jose.jwe.enc.AesGcmJWEEncryptionProvider;
import org.keycloak.jose.jwe.enc.JWEEncryptionProvider;
import org.keycloak.util.TokenUtil;

/**
 * What counts as an unreadable link (the member must link the plan again) and what is this server's fault, with
 * Keycloak's own JWE code and the JDK's RSA-OAEP and AES-GCM in place of Keycloak's crypto provider.
 */
class StoredTokenCipherTest {

    private static final JWEEncryptionProvider A256GCM = new AesGcmJWEEncryptionProvider(JWEConstants.A256GCM);
    private static final JWEAlgorithmProvider RSA_OAEP = new JdkRsaOaep();
    private static final StoredPlanToken TOKEN = StoredPlanToken.linked(
        PlanTokenResponse.parse("{\"access_token\":\"AT\",\"refresh_token\":\"RT\",\"scope\":\"patient/*.read\"}"),
        "9", Instant.ofEpochSecond(1_700_000_000), new TokenBinding("digest", Optional.empty()));

    private static KeyPair realmKey;
    private static KeyPair removedKey;

    @BeforeAll
    static void keysAndJdkCrypto() throws Exception {
        if (!CryptoIntegration.isInitialised()) {
            CryptoIntegration.setProvider(jdkAesGcmOnly());
        }
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        realmKey = rsa.generateKeyPair();
        removedKey = rsa.generateKeyPair();
    }

    @Test
    void aTokenSealedToTheRealmsKeyOpens() throws Exception {
        String stored = sealed(TOKEN.toJson(), realmKey.getPublic());

        assertEquals(Optional.of("enc-key-1"), StoredTokenCipher.keyId(stored));
        assertEquals(Optional.of(TOKEN), StoredTokenCipher.open(stored, realmKey.getPrivate(), RSA_OAEP, A256GCM));
    }

    @Test
    void aTokenSealedToAnotherKeyIsUnreadable() throws Exception {
        String stored = sealed(TOKEN.toJson(), removedKey.getPublic());

        assertEquals(Optional.empty(), StoredTokenCipher.open(stored, realmKey.getPrivate(), RSA_OAEP, A256GCM));
    }

    @Test
    void aTamperedTokenIsUnreadable() throws Exception {
        String[] parts = sealed(TOKEN.toJson(), realmKey.getPublic()).split("\\.");
        parts[3] = (parts[3].charAt(0) == 'A' ? "B" : "A") + parts[3].substring(1);

        assertEquals(Optional.empty(),
            StoredTokenCipher.open(String.join(".", parts), realmKey.getPrivate(), RSA_OAEP, A256GCM));
    }

    @Test
    void ciphertextThatIsNotBase64IsUnreadable() throws Exception {
        String[] parts = sealed(TOKEN.toJson(), realmKey.getPublic()).split("\\.");
        parts[2] = "not*base64";

        assertEquals(Optional.empty(),
            StoredTokenCipher.open(String.join(".", parts), realmKey.getPrivate(), RSA_OAEP, A256GCM));
    }

    @Test
    void decryptedBytesThatAreNotTheStoredShapeAreUnreadable() throws Exception {
        for (String content : new String[] {"not json", "{\"v\":2,\"access_token\":\"AT\"}",
            "{\"v\":1,\"access_token\":\"AT\",\"obtained_at\":" + Long.MAX_VALUE + "}"}) {
            String stored = sealed(content, realmKey.getPublic());

            assertEquals(Optional.empty(), StoredTokenCipher.open(stored, realmKey.getPrivate(), RSA_OAEP, A256GCM),
                content);
        }
    }

    @Test
    void textThatIsNoJweNamesNoKey() {
        String header = base64Url("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"enc-key-1\"}");
        String noEnc = base64Url("{\"alg\":\"RS256\",\"kid\":\"enc-key-1\"}");
        String noKid = base64Url("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}");
        for (String text : new String[] {"", "plain text", header + ".a.b", "%%%.a.b.c.d",
            base64Url("[1]") + ".a.b.c.d", base64Url("not json") + ".a.b.c.d", noEnc + ".a.b.c.d",
            noKid + ".a.b.c.d", header + ".a.b.c."}) {
            assertEquals(Optional.empty(), StoredTokenCipher.keyId(text), text);
        }
        assertEquals(Optional.of("enc-key-1"), StoredTokenCipher.keyId(header + ".a.b.c.d"));
        assertEquals(Optional.of("enc-key-1"), StoredTokenCipher.keyId(header + ".a.b.c.d.."),
            "trailing empty parts are dropped, as Keycloak's JWE drops them");
        assertEquals(Optional.of("enc-key-1"), StoredTokenCipher.keyId(header + "..b.c.d"), "an empty part counts");
        assertEquals(Optional.empty(), StoredTokenCipher.keyId(header + ".a.b.c.d.e"), "six parts");
    }

    @Test
    void aFaultOfThisServerIsNotTakenForAnUnreadableLink() throws Exception {
        String stored = sealed(TOKEN.toJson(), realmKey.getPublic());
        JWEAlgorithmProvider broken = new JdkRsaOaep() {
            @Override
            public byte[] decodeCek(byte[] encodedCek, Key key, JWEHeader header, JWEEncryptionProvider enc) {
                throw new NullPointerException("a bug");
            }
        };

        assertThrows(IllegalStateException.class,
            () -> StoredTokenCipher.open(stored, realmKey.getPrivate(), broken, A256GCM));
    }

    private static String sealed(String content, Key publicKey) throws Exception {
        return TokenUtil.jweKeyEncryptionEncode(publicKey, content.getBytes(StandardCharsets.UTF_8),
            JWEConstants.RSA_OAEP, JWEConstants.A256GCM, "enc-key-1", RSA_OAEP, A256GCM);
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Keycloak's AES-GCM provider asks the crypto integration for its cipher; the JDK's is the same algorithm. */
    private static CryptoProvider jdkAesGcmOnly() {
        return (CryptoProvider) Proxy.newProxyInstance(CryptoProvider.class.getClassLoader(),
            new Class<?>[] {CryptoProvider.class}, (proxy, method, args) -> {
                if (method.getName().equals("getAesGcmCipher")) {
                    return Cipher.getInstance("AES/GCM/NoPadding");
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    /** RSA-OAEP (SHA-1, MGF1) as JWA defines it, done by the JDK. */
    private static class JdkRsaOaep implements JWEAlgorithmProvider {

        @Override
        public byte[] decodeCek(byte[] encodedCek, Key key, JWEHeader header, JWEEncryptionProvider enc)
            throws Exception {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            rsa.init(Cipher.DECRYPT_MODE, key);
            return rsa.doFinal(encodedCek);
        }

        @Override
        public byte[] encodeCek(JWEEncryptionProvider enc, JWEKeyStorage keys, Key key,
                                JWEHeader.JWEHeaderBuilder header) throws Exception {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, key);
            return rsa.doFinal(keys.getCekBytes());
        }
    }
}
