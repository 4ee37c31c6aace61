package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One explanation per outcome, told to the app (the proxy's diagnostics) and to the administrator (conformance). */
class NoTokenReasonTest {

    private static final String LINK_URL = "https://kc.example/realms/r/payer-access/connect?client_id=app";

    private static final List<NoTokenReason> ALL = List.of(
        NoTokenReason.of(new MemberLink.NotLinked(), "plan"),
        NoTokenReason.of(new MemberLink.Unreadable(), "plan"),
        NoTokenReason.planChanged("plan"),
        NoTokenReason.of(new TokenOutcome.RelinkRequired(), "plan"),
        NoTokenReason.of(new TokenOutcome.RelinkRequired(Optional.of(Instant.parse("2025-01-01T00:00:00Z"))), "plan"),
        NoTokenReason.of(new TokenOutcome.RenewalTimedOut(20), "plan"),
        NoTokenReason.of(new TokenOutcome.RejectedWhileFresh(), "plan"),
        NoTokenReason.of(new TokenOutcome.RenewalUnsettled(), "plan"));

    @Test
    void appAndAdministratorReadTheSameSentence() {
        for (NoTokenReason reason : ALL) {
            String sentence = reason.sentence();
            String lowered = Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);

            assertTrue(reason.toAdministrator().startsWith(sentence), reason::toString);
            assertTrue(reason.toApp(LINK_URL).contains(sentence) || reason.toApp(LINK_URL).contains(lowered),
                reason::toString);
        }
    }

    @Test
    void onlyWhatEndsByLinkingAgainIsRelinkRequired() {
        for (NoTokenReason reason : ALL) {
            boolean relink = reason.remedy() == NoTokenReason.Remedy.LINK_AGAIN
                || reason.remedy() == NoTokenReason.Remedy.AUTHORIZE_AGAIN;

            assertEquals(relink, reason.toApp(LINK_URL).startsWith("relink-required: "), reason::toString);
            assertFalse(reason.toAdministrator().contains(LINK_URL), reason::toString);
        }
    }

    @Test
    void theAppIsToldWhereToSendTheMember() {
        assertEquals("The user has not linked plan plan. Send them to " + LINK_URL
            + " (add your redirect_uri) to link it.", NoTokenReason.of(new MemberLink.NotLinked(), "plan")
            .toApp(LINK_URL));
        assertEquals("relink-required: the endpoints or client of plan plan changed since the member linked it, so "
            + "their stored authorization is not sent to the new configuration. Send the member to " + LINK_URL
            + " (add your redirect_uri) to link the plan again.", NoTokenReason.planChanged("plan").toApp(LINK_URL));
    }

    @Test
    void tokensObtainedForOtherSettingsAreExplainedAsAPlanChange() {
        StoredPlanToken stored = StoredPlanToken.fromJson("""
            {"v":1,"access_token":"AT","scope":"","patient":"9","obtained_at":1700000000}""");

        assertEquals(NoTokenReason.planChanged("plan"),
            NoTokenReason.of(new MemberLink.ObtainedForOtherSettings(stored), "plan"));
    }

    @Test
    void somethingUsableHasNoReason() {
        StoredPlanToken stored = StoredPlanToken.fromJson("""
            {"v":1,"access_token":"AT","scope":"","patient":"9","obtained_at":1700000000}""");

        assertThrows(IllegalArgumentException.class, () -> NoTokenReason.of(new MemberLink.Usable(stored), "plan"));
        assertThrows(IllegalArgumentException.class, () -> NoTokenReason.of(new TokenOutcome.Usable("AT"), "plan"));
    }
}
