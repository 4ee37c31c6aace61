package dev.payeraccess.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.plan.PlanProbe;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthRulesTest {

    private static PlanProbe.Reach ok(long millis) {
        return new PlanProbe.Reach(Optional.of(200), millis, Optional.empty());
    }

    private static PlanProbe.Reach failed(Integer status, String why) {
        return new PlanProbe.Reach(Optional.ofNullable(status), 30, Optional.of(why));
    }

    private static HealthRules.Verdict judge(PlanProbe.Reach discovery, PlanProbe.Reach metadata) {
        return HealthRules.judge(new PlanProbe.Result(discovery, metadata, Optional.empty()));
    }

    @Test
    void aPlanAnsweringBothDocumentsInGoodTimeIsUp() {
        assertEquals(PlanStatus.UP, judge(ok(40), ok(120)).status());
    }

    @Test
    void aFailingCapabilityStatementMeansDownWhateverDiscoverySays() {
        HealthRules.Verdict down = judge(ok(40), failed(503, "https://plan.example/r4/metadata answered HTTP 503"));

        assertEquals(PlanStatus.DOWN, down.status());
        assertTrue(down.detail().contains("HTTP 503"), down.detail());
        assertEquals(PlanStatus.DOWN, judge(failed(null, "unreachable"), failed(null, "unreachable")).status());
    }

    @Test
    void noDiscoveryDocumentIsFineButAFailingOneDegrades() {
        HealthRules.Verdict unpublished = judge(failed(404, "answered HTTP 404"), ok(100));
        assertEquals(PlanStatus.UP, unpublished.status());
        assertTrue(unpublished.detail().contains("no SMART discovery document"), unpublished.detail());

        assertEquals(PlanStatus.DEGRADED, judge(failed(500, "answered HTTP 500"), ok(100)).status());
        assertEquals(PlanStatus.DEGRADED, judge(failed(null, "did not answer within 10000 ms"), ok(100)).status());
    }

    @Test
    void aSlowPlanIsDegraded() {
        assertEquals(PlanStatus.DEGRADED, judge(ok(40), ok(HealthRules.SLOW.toMillis() + 1)).status());
    }

    @Test
    void sinceStaysWhileTheStatusHoldsAndMovesWhenItChanges() {
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        PlanHealth first = PlanHealth.after(Optional.empty(), new HealthRules.Verdict(PlanStatus.UP, "ok"), 10, t0);
        PlanHealth same = PlanHealth.after(Optional.of(first), new HealthRules.Verdict(PlanStatus.UP, "ok"), 12,
            t0.plusSeconds(300));
        PlanHealth down = PlanHealth.after(Optional.of(same), new HealthRules.Verdict(PlanStatus.DOWN, "503"), 12,
            t0.plusSeconds(600));

        assertEquals(t0, same.since());
        assertEquals(t0.plusSeconds(300), same.checkedAt());
        assertEquals(t0.plusSeconds(600), down.since());
        assertEquals(Optional.of(down), PlanHealth.fromNotes(down.toNotes()), "stored and read back");
    }
}
