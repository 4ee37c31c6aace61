package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanTokenResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.keycloak.models.FederatedIdentityModel;

/** What a member's link amounts to, from what is stored on it and the plan's settings now. */
class LinkStoreTest {

    private static final PlanEndpoints PLAN = plan("https://auth.plan.example/token");
    private static final PlanEndpoints REPOINTED = plan("https://auth.elsewhere.example/token");

    private static final Optional<TokenBinding> NO_RECORD = Optional.empty();

    private static final StoredPlanToken BOUND = linkedWhile(PLAN);
    private static final StoredPlanToken BOUND_ELSEWHERE = linkedWhile(REPOINTED);
    private static final StoredPlanToken UNBOUND = StoredPlanToken.fromJson("""
        {"v":1,"access_token":"AT","refresh_token":"RT","scope":"","patient":"9","obtained_at":1700000000}""");

    /** Stands in for the cipher: each stored text opens to one token; any other text does not open. */
    private static final Map<String, StoredPlanToken> SEALED = Map.of(
        "jwe-bound", BOUND, "jwe-elsewhere", BOUND_ELSEWHERE, "jwe-unbound", UNBOUND);
    private static final Function<String, Optional<StoredPlanToken>> OPEN =
        text -> Optional.ofNullable(SEALED.get(text));

    @Test
    void noLinkIsNotLinked() {
        assertEquals(new MemberLink.NotLinked(),
            LinkStore.of(Optional.empty(), OPEN, TokenBinding.of(PLAN), NO_RECORD));
    }

    @Test
    void aLinkWhoseTokensWereClearedIsUnreadable() {
        for (String cleared : new String[] {null, "", " "}) {
            MemberLink link = LinkStore.of(link(cleared), OPEN, TokenBinding.of(PLAN), NO_RECORD);

            assertEquals(new MemberLink.Unreadable(), link, String.valueOf(cleared));
            assertEquals(Optional.empty(), link.readable());
        }
    }

    @Test
    void aLinkWhoseTextDoesNotOpenIsUnreadable() {
        assertEquals(new MemberLink.Unreadable(), LinkStore.of(link("jwe-of-a-removed-key"), OPEN,
            TokenBinding.of(PLAN), NO_RECORD));
    }

    @Test
    void tokensObtainedForThePlansSettingsAreUsable() {
        MemberLink link = LinkStore.of(link("jwe-bound"), OPEN, TokenBinding.of(PLAN), NO_RECORD);

        assertEquals(new MemberLink.Usable(BOUND), link);
        assertEquals(Optional.of(BOUND), link.usable());
    }

    @Test
    void tokensObtainedForOtherSettingsAreReadableButNeverUsable() {
        MemberLink link = LinkStore.of(link("jwe-elsewhere"), OPEN, TokenBinding.of(PLAN), NO_RECORD);

        assertEquals(new MemberLink.ObtainedForOtherSettings(BOUND_ELSEWHERE), link);
        assertEquals(Optional.of(BOUND_ELSEWHERE), link.readable());
        assertEquals(Optional.empty(), link.usable());
    }

    @Test
    void tokensStoredBeforeBindingBelongToThePlansRecordedSettings() {
        Optional<TokenBinding> recorded = Optional.of(TokenBinding.of(PLAN));
        StoredPlanToken adopted = UNBOUND.boundTo(TokenBinding.of(PLAN));

        assertEquals(new MemberLink.Usable(adopted),
            LinkStore.of(link("jwe-unbound"), OPEN, TokenBinding.of(PLAN), recorded));
        assertEquals(new MemberLink.ObtainedForOtherSettings(adopted),
            LinkStore.of(link("jwe-unbound"), OPEN, TokenBinding.of(REPOINTED), recorded),
            "re-pointed after the plan recorded its settings: never sent to the new ones");
    }

    @Test
    void tokensStoredBeforeBindingOnAPlanThatRecordedNothingAreNeverUsable() {
        for (PlanEndpoints now : List.of(PLAN, REPOINTED)) {
            MemberLink link = LinkStore.of(link("jwe-unbound"), OPEN, TokenBinding.of(now), NO_RECORD);

            assertEquals(new MemberLink.ObtainedForOtherSettings(UNBOUND), link, now.tokenUrl());
            assertEquals(Optional.empty(), link.usable());
        }
    }

    @Test
    void aPlansRecordDoesNotRebindTokensThatCarryTheirOwnBinding() {
        assertEquals(new MemberLink.ObtainedForOtherSettings(BOUND_ELSEWHERE), LinkStore.of(link("jwe-elsewhere"),
            OPEN, TokenBinding.of(PLAN), Optional.of(TokenBinding.of(PLAN))));
    }

    @Test
    void aFailureToOpenThatIsNotTheLinksPropagates() {
        Function<String, Optional<StoredPlanToken>> failing = text -> {
            throw new IllegalStateException("no JWE algorithm provider");
        };

        assertThrows(IllegalStateException.class, () -> LinkStore.of(link("jwe-bound"), failing,
            TokenBinding.of(PLAN), NO_RECORD));
    }

    private static Optional<FederatedIdentityModel> link(String token) {
        return Optional.of(new FederatedIdentityModel("plan", "9", "9", token));
    }

    private static PlanEndpoints plan(String tokenUrl) {
        return new PlanEndpoints("plan", "https://api.plan.example/r4", tokenUrl, Optional.empty(), "client-1",
            (s, r) -> r, 30_000, List.of());
    }

    private static StoredPlanToken linkedWhile(PlanEndpoints plan) {
        return StoredPlanToken.linked(PlanTokenResponse.parse("{\"access_token\":\"AT\",\"refresh_token\":\"RT\"}"),
            "9", Instant.ofEpochSecond(1_700_000_000), TokenBinding.of(plan));
    }
}
