package dev.payeraccess.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Encrypts stored payer tokens as a JWE (RSA-OAEP, A256GCM) to the realm's active encryption key, so a
 * database dump alone reveals no usable token. The JWE names its key id: after a key rotation the old
 * key, while it stays in the realm (active or passive), still decrypts existing links.
 *
 * <p>Package-private: the {@link LinkStore} is the only way to a link's tokens, so what "unreadable" means is
 * decided once.
 */
final class StoredTokenCipher {

    private static final String ALG = JWEConstants.RSA_OAEP;
    private static final String ENC = JWEConstants.A256GCM;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;

    StoredTokenCipher(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    String encrypt(StoredPlanToken token) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.ENC, ALG);
        if (key == null || key.getPublicKey() == null) {
            throw new IllegalStateException("Realm " + realm.getName() + " has no active " + ALG
                + " encryption key; add one (Realm settings, Keys) so health-plan tokens can be stored");
        }
        try {
            return TokenUtil.jweKeyEncryptionEncode(key.getPublicKey(), token.toJson().getBytes(StandardCharsets.UTF_8),
                ALG, ENC, key.getKid(), algorithm(), encryption());
        } catch (JWEException e) {
            throw new IllegalStateException("Encrypting the stored payer token failed", e);
        }
    }

    /**
     * The stored token, or empty when the link's text cannot be opened: it is no JWE, the realm no longer
     * holds the key it names, or its bytes fail decryption or are not the stored shape. The realm must still
     * hold the key the JWE names even when the cache already opened it, so removing a key ends access to its
     * links at once.
     *
     * <p>Any other failure (a missing provider, a failing key store, a bug) is this server's, not the link's,
     * and propagates: it must not read as "the member must link the plan again".
     */
    Optional<StoredPlanToken> decrypt(String stored) {
        Optional<String> kid = keyId(stored);
        if (kid.isEmpty()) {
            return Optional.empty();
        }
        KeyWrapper key = session.keys().getKey(realm, kid.get(), KeyUse.ENC, ALG);
        if (key == null || key.getPrivateKey() == null) {
            return Optional.empty();
        }
        Optional<OpenedLinks> cache = Optional.ofNullable(session.getProvider(OpenedLinks.class));
        Optional<StoredPlanToken> cached = cache.flatMap(c -> c.get(stored));
        if (cached.isPresent()) {
            return cached;
        }
        Optional<StoredPlanToken> opened = open(stored, key.getPrivateKey(), algorithm(), encryption());
        opened.ifPresent(token -> cache.ifPresent(c -> c.put(stored, token)));
        return opened;
    }

    /**
     * The key id in the protected header of a compact JWE; empty when the text is not one (not five parts,
     * bad Base64, a header that is not JSON or names no {@code enc}) or names no key. Read here rather than by
     * Keycloak's {@code JOSEParser}, which reports all of these as a bare {@code RuntimeException}.
     */
    static Optional<String> keyId(String stored) {
        // Split as Keycloak's JWE does (trailing empty parts dropped), so a text that passes here passes there.
        String[] parts = stored.split("\\.");
        if (parts.length != 5) {
            return Optional.empty();
        }
        JsonNode header;
        try {
            header = JSON.readTree(Base64Url.decode(parts[0]));
        } catch (IllegalArgumentException | IOException notAHeader) {
            return Optional.empty();
        }
        if (header == null || !header.isObject() || !header.hasNonNull("enc") || !header.path("kid").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(header.get("kid").asText());
    }

    /**
     * Decrypts and parses {@code stored}; empty when its bytes fail (OAEP or GCM check, Base64, JSON) or are not
     * the stored shape.
     *
     * @throws IllegalStateException when opening failed for any other reason, a fault of this server
     */
    static Optional<StoredPlanToken> open(String stored, Key key, JWEAlgorithmProvider algorithm,
                                           JWEEncryptionProvider encryption) {
        byte[] json;
        try {
            json = TokenUtil.jweKeyEncryptionVerifyAndDecode(key, stored, algorithm, encryption);
        } catch (JWEException e) {
            if (!isBadCiphertext(e)) {
                throw new IllegalStateException("Opening a stored payer token failed", e);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(StoredPlanToken.fromJson(new String(json, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException notTheStoredShape) {
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
