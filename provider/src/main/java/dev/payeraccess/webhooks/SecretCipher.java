package dev.payeraccess.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.keycloak.crypto.CekManagementProvider;
import org.keycloak.crypto.ContentEncryptionProvider;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jwe.JWE;
import org.keycloak.jose.jwe.JWEConstants;
import org.keycloak.jose.jwe.JWEException;
import org.keycloak.jose.jwe.alg.JWEAlgorithmProvider;
import org.keycloak.jose.jwe.enc.JWEEncryptionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.TokenUtil;

/**
 * Keeps a subscription's secret encrypted as a JWE (RSA-OAEP, A256GCM) to the realm's active encryption key, as
 * stored plan tokens are, so a database dump alone signs nothing. The JWE names its key: after a key rotation the old
 * key, while the realm still holds it, opens existing secrets.
 */
final class SecretCipher {

    private static final String ALG = JWEConstants.RSA_OAEP;
    private static final String ENC = JWEConstants.A256GCM;
    private static final String NOT_OPEN = "A webhook secret does not open; rotate the subscription's secret";

    private final KeycloakSession session;
    private final RealmModel realm;

    SecretCipher(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    String encrypt(WebhookSecret secret) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.ENC, ALG);
        if (key == null || key.getPublicKey() == null) {
            throw new IllegalStateException("Realm " + realm.getName() + " has no active " + ALG
                + " encryption key; add one (Realm settings, Keys) so webhook secrets can be stored");
        }
        try {
            return TokenUtil.jweKeyEncryptionEncode(key.getPublicKey(), secret.text().getBytes(StandardCharsets.UTF_8),
                ALG, ENC, key.getKid(), algorithm(), encryption());
        } catch (JWEException e) {
            throw new IllegalStateException("Encrypting a webhook secret failed", e);
        }
    }

    /**
     * @throws IllegalStateException when the realm no longer holds the key the secret was encrypted to, or the
     *     text does not open: the subscription needs a new secret
     */
    WebhookSecret decrypt(String stored) {
        String kid;
        try {
            kid = new JWE(stored).getHeader().getKeyId();
        } catch (RuntimeException notAJwe) {
            throw new IllegalStateException(NOT_OPEN, notAJwe);
        }
        KeyWrapper key = kid == null ? null : session.keys().getKey(realm, kid, KeyUse.ENC, ALG);
        if (key == null || key.getPrivateKey() == null) {
            throw new IllegalStateException("The realm no longer holds the key a webhook secret was encrypted to; "
                + "rotate the subscription's secret");
        }
        try {
            byte[] text = TokenUtil.jweKeyEncryptionVerifyAndDecode(key.getPrivateKey(), stored, algorithm(),
                encryption());
            return WebhookSecret.parse(new String(text, StandardCharsets.UTF_8));
        } catch (JWEException | IllegalArgumentException e) {
            throw new IllegalStateException(NOT_OPEN, e);
        }
    }

    private JWEAlgorithmProvider algorithm() {
        return Objects.requireNonNull(session.getProvider(CekManagementProvider.class, ALG).jweAlgorithmProvider(),
            "JWE algorithm provider " + ALG);
    }

    private JWEEncryptionProvider encryption() {
        return Objects.requireNonNull(session.getProvider(ContentEncryptionProvider.class, ENC).jweEncryptionProvider(),
            "JWE encryption provider " + ENC);
    }
}
