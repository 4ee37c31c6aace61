package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleKind;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private static StoredPlanToken token(String access, Optional<String> refresh, Instant expiresAt) {
        return new StoredPlanToken(access, refresh, Optional.of(expiresAt), "patient/*.read", "p1", Optional.empty(),
            NOW.minusSeconds(3600), NOW.minusSeconds(7200), Optional.empty());
    }

    @Test
    void newTokensAreARenewalWithTheNewExpiry() {
        StoredPlanToken before = token("old-access", Optional.of("old-refresh"), NOW);
        StoredPlanToken after = token("new-access", Optional.of("new-refresh"), NOW.plusSeconds(3600));
        LifecycleChange change = LinkLifecycle.change("plan", "u1", before, Optional.of(after), NOW).orElseThrow();
        assertEquals(LifecycleKind.RENEWED, change.kind());
        assertEquals("active", change.state());
        assertEquals(Optional.of(NOW.plusSeconds(3600)), change.expiresAt());
    }

    @Test
    void bindingTheSameTokensIsNoChangeOfState() {
        StoredPlanToken before = token("access", Optional.of("refresh"), NOW.plusSeconds(60));
        assertTrue(LinkLifecycle.change("plan", "u1", before, Optional.of(before), NOW).isEmpty());
    }

    @Test
    void aRefusedRefreshTokenIsARevocationByThePlan() {
        StoredPlanToken before = token("access", Optional.of("refresh"), NOW);
        LifecycleChange change = LinkLifecycle.change("plan", "u1", before, Optional.empty(), NOW).orElseThrow();
        assertEquals(LifecycleKind.REVOKED, change.kind());
        assertEquals("relink-required", change.state());
        assertEquals(Optional.of("plan_refused_renewal"), change.reason());
        assertEquals(Optional.of("revoked_by_plan"), change.error());
    }

    @Test
    void anExpiredTokenWithoutRefreshTokenRequiresARelink() {
        StoredPlanToken before = token("access", Optional.empty(), NOW);
        LifecycleChange change = LinkLifecycle.change("plan", "u1", before, Optional.empty(), NOW).orElseThrow();
        assertEquals(LifecycleKind.RELINK_REQUIRED, change.kind());
        assertEquals(Optional.of("expired_without_refresh_token"), change.reason());
    }

    @Test
    void theEventDetailsHoldNoToken() {
        StoredPlanToken before = token("secret-access", Optional.of("secret-refresh"), NOW);
        StoredPlanToken after = token("new-secret-access", Optional.of("new-secret-refresh"), NOW.plusSeconds(60));
        LifecycleChange change = LinkLifecycle.change("plan", "u1", before, Optional.of(after), NOW).orElseThrow();
        String details = change.details().toString() + change;
        assertFalse(details.contains("secret"), details);
        assertFalse(details.contains("p1"), "nor the member's patient id: " + details);
    }
}
