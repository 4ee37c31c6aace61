package dev.payeraccess.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LifecycleEventQueryTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private static Map<String, String> renewed(String plan) {
        return LifecycleChange.ofLink(LifecycleKind.RENEWED, plan, "u1", "active", Optional.empty(), AT,
            Optional.empty()).details();
    }

    @Test
    void keepsOnlyLifecycleEventsOfTheKindAndPlan() {
        assertTrue(LifecycleEventQuery.matches(renewed("a"), Optional.of(LifecycleKind.RENEWED), Optional.of("a")));
        assertTrue(LifecycleEventQuery.matches(renewed("a"), Optional.empty(), Optional.empty()));
        assertFalse(LifecycleEventQuery.matches(renewed("a"), Optional.of(LifecycleKind.REVOKED), Optional.empty()));
        assertFalse(LifecycleEventQuery.matches(renewed("a"), Optional.empty(), Optional.of("b")));
    }

    @Test
    void keycloaksOwnEventsOfTheSameTypeAreNotLifecycleEvents() {
        assertFalse(LifecycleEventQuery.matches(Map.of("identity_provider", "a"), Optional.empty(), Optional.empty()));
        assertFalse(LifecycleEventQuery.matches(null, Optional.empty(), Optional.empty()));
    }

    @Test
    void aPlanThatIsNotUpIsRecordedAsAnErrorAsBefore() {
        LifecycleChange down = LifecycleChange.planHealth("a", "up", "down", AT);
        assertEquals(Optional.of("plan_down"), down.error());
        assertEquals("down", down.details().get("plan_status"));
        assertEquals("up", down.details().get("previous_status"));
        assertEquals(Optional.empty(), LifecycleChange.planHealth("a", "down", "up", AT).error());
    }

    @Test
    void kindsAreFoundByTheirWireName() {
        for (LifecycleKind kind : LifecycleKind.values()) {
            assertEquals(Optional.of(kind), LifecycleKind.ofType(kind.type()));
        }
        assertEquals(Optional.empty(), LifecycleKind.ofType("link.exploded"));
    }
}
