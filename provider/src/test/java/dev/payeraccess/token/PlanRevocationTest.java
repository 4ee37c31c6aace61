package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanTokenResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanRevocationTest {

    private static final Optional<String> ORIGINAL = Optional.of("https://auth.plan.example/revoke");

    private static PlanEndpoints plan(Optional<String> revocationUrl) {
        return new PlanEndpoints("plan", "https://api.plan.example/r4", "https://auth.plan.example/token",
            revocationUrl,
            "client-1", (s, r) -> r, 30_000, List.of());
    }

    private static StoredPlanToken linkedWhile(PlanEndpoints plan) {
        return StoredPlanToken.linked(PlanTokenResponse.parse("{\"access_token\":\"AT\",\"refresh_token\":\"RT\"}"),
            "9", Instant.ofEpochSecond(1_700_000_000), TokenBinding.of(plan));
    }

    @Test
    void aBoundTokenIsRevokedWhereItCameFromWhateverTheRevocationUrlIsNow() {
        StoredPlanToken stored = linkedWhile(plan(ORIGINAL));

        assertEquals(ORIGINAL, PlanRevocation.endpoint(stored));
    }

    @Test
    void aTokenObtainedWithoutARevocationEndpointIsNotSentToOneAddedLater() {
        StoredPlanToken stored = linkedWhile(plan(Optional.empty()));

        assertEquals(Optional.empty(), PlanRevocation.endpoint(stored));
    }

    @Test
    void aTokenStoredBeforeBindingIsRevokedAtTheEndpointThePlanRecordedNotTheOneItHasNow() {
        StoredPlanToken legacy = StoredPlanToken.fromJson("""
            {"v":1,"access_token":"AT","refresh_token":"RT","scope":"","patient":"9","obtained_at":1700000000}""");

        StoredPlanToken read = legacy.orBoundTo(Optional.of(TokenBinding.of(plan(ORIGINAL))));

        assertEquals(ORIGINAL, PlanRevocation.endpoint(read));
    }

    @Test
    void aTokenStoredBeforeBindingOnAPlanThatRecordedNothingIsSentNowhere() {
        StoredPlanToken legacy = StoredPlanToken.fromJson("""
            {"v":1,"access_token":"AT","refresh_token":"RT","scope":"","patient":"9","obtained_at":1700000000}""");

        assertEquals(Optional.empty(), PlanRevocation.endpoint(legacy.orBoundTo(Optional.empty())));
    }
}
