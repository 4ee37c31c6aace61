package dev.payeraccess.webhooks;

import dev.payeraccess.realmkeys.RealmKeyCipher;
import java.nio.charset.StandardCharsets;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keeps a subscription's secret encrypted to the realm's encryption key ({@link RealmKeyCipher}), as stored plan
 * tokens are, so a database dump alone signs nothing. After a key rotation the old key, while the realm still holds
 * it, opens existing secrets.
 */
final class SecretCipher {

    private static final String NOT_OPEN = "A webhook secret does not open; rotate the subscription's secret";

    private final RealmKeyCipher cipher;

    SecretCipher(KeycloakSession session, RealmModel realm) {
        this.cipher = new RealmKeyCipher(session, realm);
    }

    String encrypt(WebhookSecret secret) {
        return cipher.encrypt(secret.text().getBytes(StandardCharsets.UTF_8), "webhook secrets");
    }

    /**
     * @throws IllegalStateException when the realm no longer holds the key the secret was encrypted to, or the
     *     text does not open: the subscription needs a new secret
     */
    WebhookSecret decrypt(String stored) {
        KeyWrapper key = cipher.keyOf(stored).orElseThrow(() -> new IllegalStateException("The realm no longer "
            + "holds the key a webhook secret was encrypted to, or it is no secret; rotate the subscription's secret"));
        byte[] text = cipher.open(stored, key).orElseThrow(() -> new IllegalStateException(NOT_OPEN));
        try {
            return WebhookSecret.parse(new String(text, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(NOT_OPEN, e);
        }
    }
}
