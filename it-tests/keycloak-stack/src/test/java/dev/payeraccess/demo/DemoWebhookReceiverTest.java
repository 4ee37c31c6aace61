package dev.payeraccess.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoWebhookReceiverTest {

    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final String BODY = "{\"test\": 2432232314}";

    /** The example of the Standard Webhooks specification, and the same with one thing changed. */
    @Test
    void verifiesTheSpecificationsExampleAndNothingElse() throws Exception {
        try (DemoWebhookReceiver receiver = DemoWebhookReceiver.start(0)) {
            receiver.useSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

            assertTrue(receiver.verifies(ID, TIMESTAMP, signature, BODY));
            assertTrue(receiver.verifies(ID, TIMESTAMP, "v1,bm9wZQ== " + signature, BODY), "one of several");
            assertFalse(receiver.verifies(ID, TIMESTAMP, signature, BODY.replace('2', '3')), "another body");
            assertFalse(receiver.verifies(ID, "1614265331", signature, BODY), "another time");
            assertFalse(receiver.verifies(ID, TIMESTAMP, null, BODY), "unsigned");
        }
    }
}
