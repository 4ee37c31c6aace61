package dev.payeraccess.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * This node's memory of the token signatures it verified lately: a digest of the realm, key id, algorithm, signed
 * bytes and signature, for at most {@code lifetime}. Verification is deterministic, so a signature that verified
 * once verifies again for the same key; only what verified is remembered, never a failure. Bounded: when it holds
 * {@code maxEntries} it starts over.
 *
 * <p>This is the signature only. Everything else Keycloak checks of a bearer token (expiry, issuer, type, the
 * key still being enabled, the user and their session, DPoP) is checked on every request as before.
 */
final class VerifiedSignatures {

    private final int maxEntries;
    private final long lifetimeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> verifiedAt = new ConcurrentHashMap<>();

    VerifiedSignatures(int maxEntries, Duration lifetime, LongSupplier nanoTime) {
        this.maxEntries = maxEntries;
        this.lifetimeNanos = lifetime.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether this exact signature over these exact bytes verified with this realm's key {@code kid} lately. */
    boolean verified(String realmId, String kid, String algorithm, byte[] data, byte[] signature) {
        String key = key(realmId, kid, algorithm, data, signature);
        Long at = verifiedAt.get(key);
        if (at == null) {
            return false;
        }
        if (nanoTime.getAsLong() - at > lifetimeNanos) {
            verifiedAt.remove(key, at);
            return false;
        }
        return true;
    }

    /** Remembers a signature that has just verified. */
    void remember(String realmId, String kid, String algorithm, byte[] data, byte[] signature) {
        if (verifiedAt.size() >= maxEntries) {
            verifiedAt.clear();
        }
        verifiedAt.put(key(realmId, kid, algorithm, data, signature), nanoTime.getAsLong());
    }

    int size() {
        return verifiedAt.size();
    }

    /** Every part length-prefixed, so no two different inputs read as the same bytes. */
    private static String key(String realmId, String kid, String algorithm, byte[] data, byte[] signature) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {realmId, String.valueOf(kid), algorithm}) {
                part(sha256, part.getBytes(StandardCharsets.UTF_8));
            }
            part(sha256, data);
            part(sha256, signature);
            return java.util.Base64.getEncoder().encodeToString(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void part(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
