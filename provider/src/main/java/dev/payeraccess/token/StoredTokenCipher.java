package dev.payeraccess.token;

import dev.payeraccess.realmkeys.RealmKeyCipher;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Optional;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jwe.alg.JWEAlgorithmProvider;
import org.keycloak.jose.jwe.enc.JWEEncryptionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Encrypts stored payer tokens to the realm's encryption key ({@link RealmKeyCipher}), so a database dump alone
 * reveals no usable token; after a key rotation the old key, while it stays in the realm (active or passive), still
 * decrypts existing links.
 *
 * <p>Package-private: the {@link LinkStore} is the only way to a link's tokens, so what "unreadable" means is
 * decided once.
 */
final class StoredTokenCipher {

    private final KeycloakSession session;
    private final RealmKeyCipher cipher;

    StoredTokenCipher(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.cipher = new RealmKeyCipher(session, realm);
    }

    String encrypt(StoredPlanToken token) {
        return cipher.encrypt(token.toJson().getBytes(StandardCharsets.UTF_8), "health-plan tokens");
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
        Optional<KeyWrapper> key = cipher.keyOf(stored);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<OpenedLinks> cache = Optional.ofNullable(session.getProvider(OpenedLinks.class));
        Optional<StoredPlanToken> cached = cache.flatMap(c -> c.get(stored));
        if (cached.isPresent()) {
            return cached;
        }
        Optional<StoredPlanToken> opened = cipher.open(stored, key.get()).flatMap(StoredTokenCipher::parse);
        opened.ifPresent(token -> cache.ifPresent(c -> c.put(stored, token)));
        return opened;
    }

    /** The key id a stored text names; see {@link RealmKeyCipher#keyId}. */
    static Optional<String> keyId(String stored) {
        return RealmKeyCipher.keyId(stored);
    }

    /**
     * Decrypts and parses {@code stored}; empty when its bytes fail (OAEP or GCM check, Base64, JSON) or are not
     * the stored shape.
     *
     * @throws IllegalStateException when opening failed for any other reason, a fault of this server
     */
    static Optional<StoredPlanToken> open(String stored, Key key, JWEAlgorithmProvider algorithm,
                                           JWEEncryptionProvider encryption) {
        return RealmKeyCipher.open(stored, key, algorithm, encryption).flatMap(StoredTokenCipher::parse);
    }

    private static Optional<StoredPlanToken> parse(byte[] json) {
        try {
            return Optional.of(StoredPlanToken.fromJson(new String(json, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException notTheStoredShape) {
            return Optional.empty();
        }
    }
}
