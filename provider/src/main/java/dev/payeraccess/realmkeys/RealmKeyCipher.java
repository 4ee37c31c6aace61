package dev.payeraccess.realmkeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Objects;
import java.util.Optional;
import org.keycloak.common.util.Base64Url;
import org.keycloak.crypto.CekManagementProvider;
import org.keycloak.crypto.ContentEncryptionProvider;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jwe.JWEConstants;
import org.keycloak.jose.jwe.JWEException;
import org.keycloak.jose.jwe.alg.JWEAlgorithmProvider;
import org.keycloak.jose.jwe.enc.JWEEncryptionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.TokenUtil;

/**
 * Seals what the extension keeps in Keycloak's database as a compact JWE (RSA-OAEP, A256GCM) to the realm's active
 * encryption key, so a database dump alone opens nothing. The JWE names its key id: after a key rotation the old key,
 * while the realm still holds it (active or passive), opens what was sealed to it; once it is removed, nothing sealed
 * to it opens.
 */
public final class RealmKeyCipher {

    private static final String ALG = JWEConstants.RSA_OAEP;
    private static final String ENC = JWEConstants.A256GCM;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;

    public RealmKeyCipher(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param what what is sealed, in the administrator's words, for the message when the realm has no key
     * @throws IllegalStateException when the realm has no active RSA-OAEP encryption key, or sealing failed
     */
    public String encrypt(byte[] plaintext, String what) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.ENC, ALG);
        if (key == null || key.getPublicKey() == null) {
            throw new IllegalStateException("Realm " + realm.getName() + " has no active " + ALG
                + " encryption key; add one (Realm settings, Keys) so " + what + " can be stored");
        }
        try {
            return TokenUtil.jweKeyEncryptionEncode(key.getPublicKey(), plaintext, ALG, ENC, key.getKid(), algorithm(),
                encryption());
        } catch (JWEException e) {
            throw new IllegalStateException("Encrypting " + what + " failed", e);
        }
    }

    /** The realm's key that {@code stored} names, when it is a JWE and the realm still holds that private key. */
    public Optional<KeyWrapper> keyOf(String stored) {
        return keyId(stored).map(kid -> session.keys().getKey(realm, kid, KeyUse.ENC, ALG))
            .filter(key -> key.getPrivateKey() != null);
    }

    /**
     * The plaintext of {@code stored}, sealed to {@code key} (see {@link #keyOf}); empty when its bytes fail.
     *
     * @throws IllegalStateException when opening failed for any other reason, a fault of this server
     */
    public Optional<byte[]> open(String stored, KeyWrapper key) {
        return open(stored, key.getPrivateKey(), algorithm(), encryption());
    }

    /**
     * The key id in the protected header of a compact JWE; empty when the text is not one (not five parts, bad
     * Base64, a header that is not JSON or names no {@code enc}) or names no key. Read here rather than by Keycloak's
     * {@code JOSEParser}, which reports all of these as a bare {@code RuntimeException}.
     */
    public static Optional<String> keyId(String stored) {
        // Counted as Keycloak's JWE splits it (trailing empty parts dropped), so a text that passes here passes there;
        // counted, not split: the parts after the header are the sealed tokens, kilobytes not worth copying per read.
        if (parts(stored) != 5) {
            return Optional.empty();
        }
        JsonNode header;
        try {
            header = JSON.readTree(Base64Url.decode(stored.substring(0, stored.indexOf('.'))));
        } catch (IllegalArgumentException | IOException notAHeader) {
            return Optional.empty();
        }
        if (header == null || !header.isObject() || !header.hasNonNull("enc") || !header.path("kid").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(header.get("kid").asText());
    }

    /** How many parts {@code text.split("\\.")} gives: trailing empty parts are dropped. */
    static int parts(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '.') {
            end--;
        }
        if (end == 0) {
            return text.isEmpty() ? 1 : 0;
        }
        int parts = 1;
        for (int i = text.indexOf('.'); i >= 0 && i < end; i = text.indexOf('.', i + 1)) {
            parts++;
        }
        return parts;
    }

    /**
     * Decrypts {@code stored}; empty when its bytes fail (the OAEP or GCM check, Base64, the header's JSON).
     *
     * @throws IllegalStateException when opening failed for any other reason, a fault of this server
     */
    public static Optional<byte[]> open(String stored, Key key, JWEAlgorithmProvider algorithm,
                                        JWEEncryptionProvider encryption) {
        try {
            return Optional.of(TokenUtil.jweKeyEncryptionVerifyAndDecode(key, stored, algorithm, encryption));
        } catch (JWEException e) {
            if (!isBadCiphertext(e)) {
                throw new IllegalStateException("Opening a sealed value failed", e);
            }
            return Optional.empty();
        }
    }

    /**
     * Keycloak's {@code JWE} wraps every failure in a {@link JWEException}; the ones caused by the bytes are a
     * cryptographic check that failed ({@link GeneralSecurityException}: wrong key, tampered, truncated), Base64
     * that does not decode ({@link IllegalArgumentException}) or JSON that does not parse ({@link IOException}).
     */
    private static boolean isBadCiphertext(JWEException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof GeneralSecurityException || cause instanceof IllegalArgumentException
                || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private JWEAlgorithmProvider algorithm() {
        // Checked here: Keycloak's JWE would report a missing provider as an IllegalArgumentException, i.e. bad bytes.
        return Objects.requireNonNull(session.getProvider(CekManagementProvider.class, ALG).jweAlgorithmProvider(),
            "JWE algorithm provider " + ALG);
    }

    private JWEEncryptionProvider encryption() {
        return Objects.requireNonNull(session.getProvider(ContentEncryptionProvider.class, ENC).jweEncryptionProvider(),
            "JWE encryption provider " + ENC);
    }
}
