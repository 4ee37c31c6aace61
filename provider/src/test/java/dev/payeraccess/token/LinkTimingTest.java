package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.payeraccess.linkschedule.LinkTimes;
import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.plan.PlanTokenResponse;
import dev.payeraccess.plan.RefreshTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkTimingTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    private static final TokenBinding BINDING = new TokenBinding("digest", Optional.empty());

    private static StoredPlanToken linked(Optional<String> refresh, Optional<Long> refreshExpiresIn) {
        return StoredPlanToken.linked(new PlanTokenResponse("at", refresh, Optional.of(3600L), Optional.of("s"),
            Optional.of("p"), Optional.empty(), refreshExpiresIn), "p", NOW, BINDING);
    }

    private static PlanProfile profile(RefreshTokens refreshTokens, Optional<Duration> maxAuthorization,
                                       Optional<Duration> idle) {
        PlanProfile standard = PlanProfile.standard();
        return new PlanProfile(standard.patientSources(), refreshTokens, maxAuthorization, standard.pagingMode(),
            standard.offsetParameter(), standard.maxRequestsPerSecond(), standard.maxConcurrentRequests(), idle);
    }

    private static PlanProfile idle(Duration idle) {
        return profile(RefreshTokens.ROTATING, Optional.empty(), Optional.of(idle));
    }

    @Test
    void aLinkIsRenewedHalfWayThroughAShortIdleLifetime() {
        assertEquals(Optional.of(NOW.plusSeconds(10)),
            LinkTiming.renewBy(linked(Optional.of("rt"), Optional.empty()), idle(Duration.ofSeconds(20))));
    }

    @Test
    void aLongIdleLifetimeIsRenewedADayBeforeItLapses() {
        assertEquals(Optional.of(NOW.plus(Duration.ofDays(29))),
            LinkTiming.renewBy(linked(Optional.of("rt"), Optional.empty()), idle(Duration.ofDays(30))));
    }

    @Test
    void theProfilesIdleLifetimeComesBeforeThePlansRefreshExpiresIn() {
        StoredPlanToken says100 = linked(Optional.of("rt"), Optional.of(100L));
        assertEquals(Optional.of(NOW.plusSeconds(50)), LinkTiming.renewBy(says100, PlanProfile.standard()),
            "refresh_expires_in alone");
        assertEquals(Optional.of(NOW.plusSeconds(20)), LinkTiming.renewBy(says100, idle(Duration.ofSeconds(40))),
            "the profile's idle lifetime first");
    }

    @Test
    void refreshTokensThatDoNotLapseOrCannotRenewAreLeftAlone() {
        assertEquals(Optional.empty(), LinkTiming.renewBy(linked(Optional.of("rt"), Optional.empty()),
            PlanProfile.standard()), "no idle lifetime known");
        assertEquals(Optional.empty(), LinkTiming.renewBy(linked(Optional.empty(), Optional.of(100L)),
            idle(Duration.ofSeconds(40))), "no refresh token");
        assertEquals(Optional.empty(), LinkTiming.renewBy(linked(Optional.of("rt"), Optional.of(100L)),
            profile(RefreshTokens.NONE, Optional.empty(), Optional.of(Duration.ofSeconds(40)))), "plan issues none");
    }

    @Test
    void aGrantEndingBeforeTheRenewalIsNotRenewed() {
        StoredPlanToken token = linked(Optional.of("rt"), Optional.empty());
        assertEquals(Optional.empty(), LinkTiming.renewBy(token,
            profile(RefreshTokens.REUSABLE, Optional.of(Duration.ofDays(10)), Optional.of(Duration.ofDays(30)))));
        assertEquals(Optional.of(NOW.plus(Duration.ofDays(29))), LinkTiming.renewBy(token,
            profile(RefreshTokens.REUSABLE, Optional.of(Duration.ofDays(395)), Optional.of(Duration.ofDays(30)))));
    }

    @Test
    void aRenewalWithoutANewRefreshExpiresInForgetsTheOldLapse() {
        StoredPlanToken token = linked(Optional.of("rt"), Optional.of(100L));
        StoredPlanToken renewed = token.renewedBy(new PlanTokenResponse("at2", Optional.empty(), Optional.of(60L),
            Optional.empty(), Optional.empty(), Optional.empty()), NOW.plusSeconds(30), RefreshTokens.REUSABLE);
        assertEquals(Optional.empty(), renewed.refreshExpiresAt());
        StoredPlanToken restated = token.renewedBy(new PlanTokenResponse("at2", Optional.of("rt2"), Optional.of(60L),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(100L)), NOW.plusSeconds(30),
            RefreshTokens.ROTATING);
        assertEquals(Optional.of(NOW.plusSeconds(130)), restated.refreshExpiresAt());
        assertEquals(restated, StoredPlanToken.fromJson(restated.toJson()), "stored and read back");
    }

    @Test
    void theRowOfAClearedLinkSaysWhyItNeedsReconnecting() {
        LinkTimes cleared = LinkTiming.of(new MemberLink.Unreadable(), idle(Duration.ofDays(30)), NOW,
            Optional.of(RelinkReason.PLAN_REFUSED_RENEWAL));
        assertEquals(new LinkTimes(Optional.empty(), Optional.empty(), Optional.empty(), LinkTimes.RELINK_REQUIRED,
            Optional.of("plan-refused-renewal")), cleared);
    }

    @Test
    void theRowOfAUsableLinkHasItsTimesAndNoReason() {
        StoredPlanToken token = linked(Optional.of("rt"), Optional.empty());
        LinkTimes times = LinkTiming.of(new MemberLink.Usable(token),
            profile(RefreshTokens.ROTATING, Optional.of(Duration.ofDays(395)), Optional.of(Duration.ofDays(30))),
            NOW, Optional.empty());
        assertEquals(new LinkTimes(Optional.of(NOW), Optional.of(NOW.plus(Duration.ofDays(29))),
            Optional.of(NOW.plus(Duration.ofDays(395))), "active", Optional.empty()), times);
    }

    @Test
    void aLinkWhoseGrantEndedNeedsReconnectingForThatReason() {
        StoredPlanToken token = linked(Optional.of("rt"), Optional.empty());
        PlanProfile capped = profile(RefreshTokens.REUSABLE, Optional.of(Duration.ofDays(1)), Optional.empty());
        assertEquals(RelinkReason.AUTHORIZATION_ENDED,
            LinkTiming.reasonOf(new MemberLink.Usable(token), capped, NOW.plus(Duration.ofDays(2))));
        assertEquals(RelinkReason.PLAN_SETTINGS_CHANGED,
            LinkTiming.reasonOf(new MemberLink.ObtainedForOtherSettings(token), capped, NOW));
    }
}
