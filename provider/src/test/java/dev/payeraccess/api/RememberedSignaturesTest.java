package dev.payeraccess.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.keycloak.crypto.SignatureVerifierContext;

class RememberedSignaturesTest {

    private static final byte[] SIGNED = "header.payload".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNATURE = {1, 2, 3, 4};

    private final AtomicLong now = new AtomicLong();
    private final VerifiedSignatures verified = new VerifiedSignatures(100, Duration.ofMinutes(5), now::get);

    /** Keycloak's verifier as far as this test cares: the one signature it accepts, and how often it was asked. */
    private static final class Keycloak implements SignatureVerifierContext {
        final AtomicInteger asked = new AtomicInteger();
        private final String kid;

        Keycloak(String kid) {
            this.kid = kid;
        }

        @Override
        public String getKid() {
            return kid;
        }

        @Override
        public String getAlgorithm() {
            return "RS256";
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) {
            asked.incrementAndGet();
            return Arrays.equals(data, SIGNED) && Arrays.equals(signature, SIGNATURE);
        }
    }

    private RememberingSignatureProvider.Remembering remembering(Keycloak keycloak, String realmId) {
        return new RememberingSignatureProvider.Remembering(keycloak, realmId, verified);
    }

    @Test
    void aSignatureThatVerifiedIsNotComputedAgainForTheSameBytesAndKey() throws Exception {
        Keycloak keycloak = new Keycloak("k1");
        assertTrue(remembering(keycloak, "realm").verify(SIGNED, SIGNATURE));
        assertTrue(remembering(keycloak, "realm").verify(SIGNED, SIGNATURE));
        assertEquals(1, keycloak.asked.get());
    }

    @Test
    void aTokenChangedAfterAValidOneIsStillRefused() throws Exception {
        Keycloak keycloak = new Keycloak("k1");
        assertTrue(remembering(keycloak, "realm").verify(SIGNED, SIGNATURE));
        byte[] otherPayload = "header.payloaD".getBytes(StandardCharsets.US_ASCII);
        byte[] otherSignature = {1, 2, 3, 5};
        assertFalse(remembering(keycloak, "realm").verify(otherPayload, SIGNATURE));
        assertFalse(remembering(keycloak, "realm").verify(SIGNED, otherSignature));
        // Bytes that could run together differently (data "header.payload" + signature) are another input.
        assertFalse(remembering(keycloak, "realm").verify("header.payload\u0001".getBytes(StandardCharsets.ISO_8859_1),
            new byte[] {2, 3, 4}));
        assertEquals(4, keycloak.asked.get());
    }

    @Test
    void aFailureIsNeverRemembered() throws Exception {
        Keycloak keycloak = new Keycloak("k1");
        byte[] forged = {9, 9};
        assertFalse(remembering(keycloak, "realm").verify(SIGNED, forged));
        assertFalse(remembering(keycloak, "realm").verify(SIGNED, forged));
        assertEquals(2, keycloak.asked.get());
        assertEquals(0, verified.size());
    }

    @Test
    void anotherKeyOrRealmVerifiesForItself() throws Exception {
        Keycloak first = new Keycloak("k1");
        assertTrue(remembering(first, "realm").verify(SIGNED, SIGNATURE));
        Keycloak otherKey = new Keycloak("k2");
        assertTrue(remembering(otherKey, "realm").verify(SIGNED, SIGNATURE));
        Keycloak otherRealm = new Keycloak("k1");
        assertTrue(remembering(otherRealm, "other-realm").verify(SIGNED, SIGNATURE));
        assertEquals(1, otherKey.asked.get());
        assertEquals(1, otherRealm.asked.get());
    }

    @Test
    void aRememberedSignatureIsVerifiedAgainOnceItsLifetimeHasPassed() throws Exception {
        Keycloak keycloak = new Keycloak("k1");
        assertTrue(remembering(keycloak, "realm").verify(SIGNED, SIGNATURE));
        now.addAndGet(Duration.ofMinutes(5).plusNanos(1).toNanos());
        assertTrue(remembering(keycloak, "realm").verify(SIGNED, SIGNATURE));
        assertEquals(2, keycloak.asked.get());
    }

    @Test
    void theMemoryIsBounded() throws Exception {
        Keycloak keycloak = new Keycloak("k1");
        for (int i = 0; i < 250; i++) {
            verified.remember("realm", "k" + i, "RS256", SIGNED, SIGNATURE);
            assertTrue(verified.size() <= 100, "entries: " + verified.size());
        }
        assertTrue(remembering(keycloak, "realm").verify(SIGNED, SIGNATURE));
        assertEquals(1, keycloak.asked.get());
    }
}
