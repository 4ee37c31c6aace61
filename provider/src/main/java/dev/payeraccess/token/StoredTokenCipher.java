package dev.payeraccess.token;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.keycloak.crypto.CekManagementProvider;
import org.keycloak.crypto.ContentEncryptionProvider;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.JOSEParser;
import org.keycloak.jose.jwe.JWE;
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
 */
public final class StoredTokenCipher {

    private static final String ALG = JWEConstants.RSA_OAEP;
    private static final String ENC = JWEConstants.A256GCM;

    private final KeycloakSession session;
    private final RealmModel realm;

    public StoredTokenCipher(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public String encrypt(StoredPayerToken token) {
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
     * The stored token, or empty when it cannot be read (key removed, foreign format): the link needs a
     * relink. The realm must still hold the key the JWE names even when the cache already opened it, so
     * removing a key ends access to its links at once.
     */
    public Optional<StoredPayerToken> decrypt(String stored) {
        if (stored == null || stored.isBlank()) {
            return Optional.empty();
        }
        try {
            if (!(JOSEParser.parse(stored) instanceof JWE jwe)) {
                return Optional.empty();
            }
            KeyWrapper key = session.keys().getKey(realm, jwe.getHeader().getKeyId(), KeyUse.ENC, ALG);
            if (key == null || key.getPrivateKey() == null) {
                return Optional.empty();
            }
            Optional<OpenedLinks> cache = Optional.ofNullable(session.getProvider(OpenedLinks.class));
            Optional<StoredPayerToken> cached = cache.flatMap(c -> c.get(stored));
            if (cached.isPresent()) {
                return cached;
            }
            byte[] json = TokenUtil.jweKeyEncryptionVerifyAndDecode(key.getPrivateKey(), stored, algorithm(), encryption());
            StoredPayerToken token = StoredPayerToken.fromJson(new String(json, StandardCharsets.UTF_8));
            cache.ifPresent(c -> c.put(stored, token));
            return Optional.of(token);
        } catch (JWEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private JWEAlgorithmProvider algorithm() {
        return session.getProvider(CekManagementProvider.class, ALG).jweAlgorithmProvider();
    }

    private JWEEncryptionProvider encryption() {
        return session.getProvider(ContentEncryptionProvider.class, ENC).jweEncryptionProvider();
    }
}
