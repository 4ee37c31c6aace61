package dev.payeraccess.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void newSecretsAreWhsecAnd32RandomBytes() {
        SecureRandom random = new SecureRandom();
        WebhookSecret one = WebhookSecret.generate(random);
        WebhookSecret two = WebhookSecret.generate(random);
        assertTrue(one.text().startsWith("whsec_"), one.text());
        assertEquals(32, Base64.getDecoder().decode(one.text().substring(6)).length);
        assertNotEquals(one, two);
        assertEquals(one, WebhookSecret.parse(one.text()), "what the administrator copies reads back the same");
    }

    @Test
    void acceptsTwentyFourToSixtyFourBytesWithOrWithoutThePrefix() {
        assertEquals(24, WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").key().length);
        assertEquals(64, WebhookSecret.parse("whsec_" + b64(64)).key().length);
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("whsec_" + b64(23)));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("whsec_" + b64(65)));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("whsec_not base64!"));
    }

    @Test
    void aSecretIsNeverPrinted() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        assertFalse(secret.toString().contains(secret.text().substring(6, 12)), secret.toString());
    }

    private static String b64(int bytes) {
        return Base64.getEncoder().encodeToString(new byte[bytes]);
    }
}
