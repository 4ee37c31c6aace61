package dev.payeraccess.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** The example of the Standard Webhooks reference libraries' "sign function works" test. */
    private static final WebhookSecret SPEC_SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";

    @Test
    void signsTheStandardWebhooksExampleAsTheSpecificationDoes() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
    }

    @Test
    void theSignatureCoversTheIdTheTimestampAndTheBody() {
        String signed = WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        assertNotEquals(signed, WebhookSignature.sign(SPEC_SECRET, "msg_other", SPEC_TIMESTAMP, SPEC_BODY));
        assertNotEquals(signed, WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY));
        assertNotEquals(signed, WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY + " "));
    }

    @Test
    void duringARotationBothSignaturesAreSentSpaceSeparatedNewestFirst() {
        WebhookSecret next = WebhookSecret.parse("whsec_" + "A".repeat(43) + "=");
        String header = WebhookSignature.header(List.of(next, SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        assertEquals(WebhookSignature.sign(next, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY) + " "
            + "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header);
    }

    @Test
    void aDeliveryIsNeverUnsigned() {
        assertThrows(IllegalArgumentException.class,
            () -> WebhookSignature.header(List.of(), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
    }
}
