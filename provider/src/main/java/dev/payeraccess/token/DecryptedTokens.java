package dev.payeraccess.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.keycloak.cache.LocalCache;
import org.keycloak.cache.LocalCacheConfiguration;
import org.keycloak.cache.LocalCacheProvider;
import org.keycloak.models.KeycloakSession;

/**
 * A node-local cache of decrypted links, in Keycloak's own local cache: opening the JWE costs an RSA
 * private-key operation (milliseconds, the largest part of a proxied read), so each stored value is
 * opened once and then found by the SHA-256 of its ciphertext.
 *
 * <p>Keyed by the ciphertext, an entry can never be stale: renewing or clearing a link stores a new
 * ciphertext, and the old entry simply stops being asked for and expires. Entries live five minutes
 * after their last use, in memory only, like the token does while a request uses it.
 */
public final class DecryptedTokens implements AutoCloseable {

    private static final Duration IDLE = Duration.ofMinutes(5);
    private static final int MAX_LINKS = 10_000;

    private final LocalCache<String, StoredPayerToken> cache;

    private DecryptedTokens(LocalCache<String, StoredPayerToken> cache) {
        this.cache = cache;
    }

    public static DecryptedTokens create(KeycloakSession session) {
        return new DecryptedTokens(session.getProvider(LocalCacheProvider.class).create(
            LocalCacheConfiguration.<String, StoredPayerToken>builder()
                .name("payer-access-decrypted-links")
                .maxSize(MAX_LINKS)
                .expirationAfterAccess(IDLE)
                .build()));
    }

    Optional<StoredPayerToken> get(String ciphertext) {
        return Optional.ofNullable(cache.get(key(ciphertext)));
    }

    void put(String ciphertext, StoredPayerToken token) {
        cache.put(key(ciphertext), token);
    }

    private static String key(String ciphertext) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ciphertext.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
