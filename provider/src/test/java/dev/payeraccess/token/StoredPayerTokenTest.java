package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.plan.PlanTokenResponse;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredPayerTokenTest {

    @Test
    void storedFormKeepsAbsoluteExpiryAndRoundTrips() {
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        StoredPayerToken stored = StoredPayerToken.linked(PlanTokenResponse.parse("""
            {"access_token":"AT","expires_in":60,"refresh_token":"RT","scope":"user/*.read","patient":"9"}"""),
            "9", now);

        StoredPayerToken back = StoredPayerToken.fromJson(stored.toJson());

        assertEquals(Optional.of(now.plusSeconds(60)), back.expiresAt());
        assertEquals(stored, back);
        assertFalse(stored.toString().contains("AT") && stored.toString().contains("RT"), stored.toString());
        assertTrue(stored.toJson().contains("\"v\":1"));
    }

    @Test
    void aRenewalKeepsTheOldRefreshTokenWhenThePlanSendsNoNewOne() {
        Instant linkedAt = Instant.ofEpochSecond(1_700_000_000);
        StoredPayerToken stored = StoredPayerToken.linked(PlanTokenResponse.parse("""
            {"access_token":"AT","expires_in":60,"refresh_token":"RT","scope":"user/*.read"}"""), "9", linkedAt);

        StoredPayerToken renewed = stored.renewedBy(PlanTokenResponse.parse("""
            {"access_token":"AT2","expires_in":60}"""), linkedAt.plusSeconds(120));

        assertEquals("AT2", renewed.accessToken());
        assertEquals(Optional.of("RT"), renewed.refreshToken());
        assertEquals("user/*.read", renewed.scope());
        assertEquals(linkedAt, renewed.linkedAt(), "a renewal does not move the date the member linked");
    }
}
