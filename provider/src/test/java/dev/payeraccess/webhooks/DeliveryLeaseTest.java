package dev.payeraccess.webhooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryLeaseTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void aClaimOutlivesTheLongestDelivery() {
        DeliveryLease lease = DeliveryLease.take("node-a", NOW, TIMEOUT);
        assertFalse(DeliveryLease.free(Optional.of(lease), NOW.plus(TIMEOUT)), "held while the delivery may run");
        assertFalse(DeliveryLease.free(Optional.of(lease), NOW.plus(TIMEOUT).plusSeconds(9)));
    }

    @Test
    void aDeadNodesClaimEndsAndTheMessageIsFreeAgain() {
        DeliveryLease lease = DeliveryLease.take("node-a", NOW, TIMEOUT);
        assertTrue(DeliveryLease.free(Optional.of(lease), lease.until()));
        assertTrue(DeliveryLease.free(Optional.empty(), NOW), "never claimed");
    }
}
