package dev.payeraccess.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of Standard Webhooks v1: {@code v1,} and the Base64 HMAC-SHA256, keyed with
 * the secret's bytes, of {@code {webhook-id}.{webhook-timestamp}.{body}}. During a secret's rotation the header holds
 * one signature per secret, space-separated, so the receiver accepts the delivery with either.
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    /** The header for {@code secrets} (at least one; the newest first). */
    static String header(List<WebhookSecret> secrets, String id, long timestamp, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("A delivery is signed with at least one secret");
        }
        return secrets.stream().map(secret -> sign(secret, id, timestamp, body)).collect(Collectors.joining(" "));
    }

    /** One signature, {@code v1,<base64>}. */
    static String sign(WebhookSecret secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java has no HmacSHA256", e);
        }
    }
}
