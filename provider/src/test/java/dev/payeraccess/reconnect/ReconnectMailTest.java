package dev.payeraccess.reconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconnectMailTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aGrantEndingSoonIsMailedWithItsDayAndWithoutThePlan() {
        ReconnectMail mail = ReconnectMail.of(LifecycleChange.grantEnding("acme-health", "u1",
            Instant.parse("2026-12-20T08:00:00Z"), NOW), "Clinic Portal", Locale.ENGLISH, NOW).orElseThrow();

        assertEquals("Reconnect your health plan", mail.subject());
        assertEquals(true, mail.model().get("ending"));
        assertEquals("December 20, 2026", mail.model().get("endsOn"));
        assertEquals("Clinic Portal", mail.model().get("realmName"));
        assertFalse(mail.model().toString().contains("acme"), "which plan a person belongs to is health information");
    }

    @Test
    void aRevokedOrUnrenewableLinkIsMailedAsEnded() {
        for (LifecycleKind kind : new LifecycleKind[] {LifecycleKind.REVOKED, LifecycleKind.RELINK_REQUIRED}) {
            ReconnectMail mail = ReconnectMail.of(LifecycleChange.ofLink(kind, "acme-health", "u1", "relink-required",
                Optional.of("plan_refused_renewal"), NOW, Optional.empty()), "Clinic Portal", Locale.ENGLISH, NOW)
                .orElseThrow();

            assertEquals(false, mail.model().get("ending"), kind.type());
        }
    }

    @Test
    void otherChangesAndAnEndAlreadyPastAreNotMailed() {
        for (LifecycleKind kind : new LifecycleKind[] {LifecycleKind.LINKED, LifecycleKind.RENEWED,
            LifecycleKind.UNLINKED}) {
            assertTrue(ReconnectMail.of(LifecycleChange.ofLink(kind, "p", "u1", "active", Optional.empty(), NOW,
                Optional.empty()), "R", Locale.ENGLISH, NOW).isEmpty(), kind.type());
        }
        assertTrue(ReconnectMail.of(LifecycleChange.planHealth("p", "up", "down", NOW), "R", Locale.ENGLISH, NOW)
            .isEmpty(), "a plan's health is not the member's business");
        assertTrue(ReconnectMail.of(LifecycleChange.grantEnding("p", "u1", NOW.minusSeconds(1), NOW), "R",
            Locale.ENGLISH, NOW).isEmpty(), "an end already past is told by the relink it causes");
    }
}
