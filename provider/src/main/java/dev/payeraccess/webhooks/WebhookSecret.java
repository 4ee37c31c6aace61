package dev.payeraccess.webhooks;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A subscription's signing secret as Standard Webhooks v1 writes it: {@code whsec_} and the Base64 of 24 to 64
 * random bytes, the HMAC-SHA256 key. Shown to the administrator once, then kept only encrypted
 * ({@link SecretCipher}). Never printed: {@link #toString()} names no byte of it.
 */
public final class WebhookSecret {

    static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    /** What new secrets get: 32 bytes, the key size of HMAC-SHA256. */
    static final int NEW_BYTES = 32;

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("A webhook secret has " + MIN_BYTES + " to " + MAX_BYTES + " bytes");
        }
        this.key = key.clone();
    }

    /** A new secret of {@value #NEW_BYTES} bytes from {@code random}. */
    static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[NEW_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(key);
    }

    /**
     * The secret written as {@code whsec_<base64>} (the prefix may be left out, as the reference libraries allow).
     *
     * @throws IllegalArgumentException when it is not Base64 of 24 to 64 bytes
     */
    static WebhookSecret parse(String text) {
        String base64 = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        return new WebhookSecret(Base64.getDecoder().decode(base64));
    }

    /** The HMAC key. */
    byte[] key() {
        return key.clone();
    }

    /** {@code whsec_<base64>}: what the administrator copies into the receiver's configuration. */
    String text() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret secret && Arrays.equals(key, secret.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + key.length + " bytes]";
    }
}
