package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.plan.PatientSource;
import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanTokenResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredPlanTokenTest {

    private static final TokenBinding PLAN = TokenBinding.of(new PlanEndpoints("plan", "https://api.plan.example/r4",
        "https://auth.plan.example/token", Optional.of("https://auth.plan.example/revoke"), "client-1",
        (s, r) -> r, 30_000, List.of()));
    private static final TokenBinding REPOINTED = TokenBinding.of(new PlanEndpoints("plan",
        "https://attacker.example/r4",
        "https://auth.plan.example/token", Optional.of("https://auth.plan.example/revoke"), "client-1",
        (s, r) -> r, 30_000, List.of()));

    @Test
    void storedFormKeepsAbsoluteExpiryAndRoundTrips() {
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        StoredPlanToken stored = StoredPlanToken.linked(PlanTokenResponse.parse("""
            {"access_token":"AT","expires_in":60,"refresh_token":"RT","scope":"user/*.read","patient":"9"}"""),
            "9", now, PLAN);

        StoredPlanToken back = StoredPlanToken.fromJson(stored.toJson());

        assertEquals(Optional.of(now.plusSeconds(60)), back.expiresAt());
        assertEquals(stored, back);
        assertFalse(stored.toString().contains("AT") && stored.toString().contains("RT"), stored.toString());
        assertTrue(stored.toJson().contains("\"v\":1"));
    }

    /**
     * A plan that says when the grant ends ({@code access_grant_expiration}) is believed when that comes before the
     * profile's cap; the end is stored, survives a renewal that does not restate it, and follows one that does.
     */
    @Test
    void theGrantEndThePlanSaysIsStoredAndEndsTheAuthorizationWhenItComesFirst() {
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        StoredPlanToken stored = StoredPlanToken.linked(PlanTokenResponse.parse("""
            {"access_token":"AT","refresh_token":"RT","access_grant_expiration":"2023-11-15 22:13:20Z"}"""), "9",
            now, PLAN);
        Instant said = Instant.parse("2023-11-15T22:13:20Z");

        StoredPlanToken read = StoredPlanToken.fromJson(stored.toJson());
        assertEquals(Optional.of(said), read.grantEndsAt());
        assertEquals(Optional.of(said), read.authorizationEndsAt(Optional.empty()));
        assertEquals(Optional.of(said), read.authorizationEndsAt(Optional.of(Duration.ofDays(395))));
        assertEquals(Optional.of(now.plus(Duration.ofHours(1))),
            read.authorizationEndsAt(Optional.of(Duration.ofHours(1))), "the profile's cap when it comes first");
        StoredPlanToken renewed = read.renewedBy(PlanTokenResponse.parse("{\"access_token\":\"AT2\"}"),
            now.plusSeconds(60));
        assertEquals(Optional.of(said), renewed.grantEndsAt(), "kept when the renewal does not restate it");
        assertEquals(Optional.of(Instant.parse("2024-01-01T00:00:00Z")), renewed.renewedBy(PlanTokenResponse.parse(
            "{\"access_token\":\"AT3\",\"access_grant_expiration\":\"2024-01-01 00:00:00Z\"}"),
            now.plusSeconds(120)).grantEndsAt());
    }

    @Test
    void aRenewalKeepsTheOldRefreshTokenWhenThePlanSendsNoNewOne() {
        Instant linkedAt = Instant.ofEpochSecond(1_700_000_000);
        StoredPlanToken stored = StoredPlanToken.linked(PlanTokenResponse.parse("""
            {"access_token":"AT","expires_in":60,"refresh_token":"RT","scope":"user/*.read"}"""), "9", linkedAt, PLAN);

        StoredPlanToken renewed = stored.renewedBy(PlanTokenResponse.parse("""
            {"access_token":"AT2","expires_in":60}"""), linkedAt.plusSeconds(120));

        assertEquals("AT2", renewed.accessToken());
        assertEquals(Optional.of("RT"), renewed.refreshToken());
        assertEquals("user/*.read", renewed.scope());
        assertEquals(linkedAt, renewed.linkedAt(), "a renewal does not move the date the member linked");
        assertEquals(Optional.of(PLAN), renewed.binding(), "a renewal stays bound to what the link was obtained for");
    }

    @Test
    void theBindingAndTheRevocationEndpointAreStoredInsideTheToken() {
        StoredPlanToken stored = StoredPlanToken.linked(PlanTokenResponse.parse("""
            {"access_token":"AT","refresh_token":"RT"}"""), "9", Instant.ofEpochSecond(1_700_000_000), PLAN);

        String json = stored.toJson();
        StoredPlanToken back = StoredPlanToken.fromJson(json);

        assertTrue(json.contains("\"bound_to\":\"" + PLAN.digest() + "\""), json);
        assertTrue(json.contains("\"revocation_url\":\"https://auth.plan.example/revoke\""), json);
        assertTrue(json.contains("\"v\":1"), "still version 1, so a rolled-back extension can read it: " + json);
        assertEquals(Optional.of(PLAN), back.binding());
        assertEquals(Optional.of("https://auth.plan.example/revoke"), back.binding().orElseThrow().revocationUrl());
    }

    @Test
    void aTokenIsUsableOnlyWithThePlanConfigurationItWasObtainedFor() {
        StoredPlanToken stored = StoredPlanToken.linked(PlanTokenResponse.parse("""
            {"access_token":"AT"}"""), "9", Instant.ofEpochSecond(1_700_000_000), PLAN);

        assertTrue(stored.usableWith(PLAN));
        assertFalse(stored.usableWith(REPOINTED));
    }

    @Test
    void aLinkStoredBeforeBindingIsReadAsUnboundAndNeverUsableAsItIs() {
        String legacy = """
            {"v":1,"access_token":"AT","refresh_token":"RT","expires_at":1700003600,"scope":"user/*.read",
             "patient":"9","obtained_at":1700000000,"linked_at":1699000000}""";

        StoredPlanToken stored = StoredPlanToken.fromJson(legacy);
        StoredPlanToken bound = stored.orBoundTo(Optional.of(PLAN));

        assertEquals(Optional.empty(), stored.binding());
        assertFalse(stored.usableWith(PLAN) || stored.usableWith(REPOINTED),
            "unbound: where it came from is not known, so it is sent nowhere");
        assertEquals(Optional.of(PLAN), bound.binding());
        assertFalse(bound.usableWith(REPOINTED));
        assertEquals(stored.accessToken(), bound.accessToken());
        assertEquals(stored.refreshToken(), bound.refreshToken());
        assertEquals(stored.linkedAt(), bound.linkedAt());
        assertFalse(stored.toJson().contains("bound_to"), "an unbound token is written without a binding");
    }

    /**
     * The binding decision for a link stored before binding: it belongs to the plan's recorded settings, and is
     * usable only while the plan has exactly those settings; without a record it is never usable.
     */
    @Test
    void aLinkStoredBeforeBindingIsUsableOnlyWhileThePlanHasItsRecordedSettings() {
        StoredPlanToken legacy = StoredPlanToken.fromJson("""
            {"v":1,"access_token":"AT","refresh_token":"RT","scope":"","patient":"9","obtained_at":1700000000}""");

        assertTrue(legacy.orBoundTo(Optional.of(PLAN)).usableWith(PLAN), "plan unchanged since the upgrade");
        assertFalse(legacy.orBoundTo(Optional.of(PLAN)).usableWith(REPOINTED),
            "re-pointed after its settings were recorded, before the link's first use");
        assertFalse(legacy.orBoundTo(Optional.of(REPOINTED)).usableWith(PLAN), "pointed back from a record");
        assertFalse(legacy.orBoundTo(Optional.empty()).usableWith(PLAN), "no record: not the settings now either");
        assertFalse(legacy.orBoundTo(Optional.empty()).usableWith(REPOINTED));
    }

    @Test
    void aBoundLinkKeepsItsOwnBindingWhateverThePlanRecorded() {
        StoredPlanToken stored = StoredPlanToken.linked(PlanTokenResponse.parse("""
            {"access_token":"AT"}"""), "9", Instant.ofEpochSecond(1_700_000_000), REPOINTED);

        assertEquals(stored, stored.orBoundTo(Optional.of(PLAN)));
        assertFalse(stored.orBoundTo(Optional.of(PLAN)).usableWith(PLAN));
    }

    @Test
    void whereLinkingFoundThePatientIsStoredAndSurvivesRenewalAndBinding() {
        Instant linkedAt = Instant.ofEpochSecond(1_700_000_000);
        StoredPlanToken stored = StoredPlanToken.linked(PlanTokenResponse.parse("""
            {"access_token":"AT","expires_in":60,"refresh_token":"RT"}"""), "9", linkedAt, PLAN)
            .patientFoundIn(PatientSource.ID_TOKEN);

        StoredPlanToken back = StoredPlanToken.fromJson(stored.toJson());
        StoredPlanToken renewed = back.renewedBy(PlanTokenResponse.parse("{\"access_token\":\"AT2\"}"),
            linkedAt.plusSeconds(120));

        assertTrue(stored.toJson().contains("\"patient_from\":\"id_token\""), stored.toJson());
        assertEquals(Optional.of(PatientSource.ID_TOKEN), back.patientFrom());
        assertEquals(Optional.of(PatientSource.ID_TOKEN), renewed.patientFrom());
        assertEquals(Optional.of(PatientSource.ID_TOKEN), renewed.boundTo(PLAN).patientFrom());
    }

    @Test
    void aLinkStoredBeforeThePatientsSourceWasRecordedHasNone() {
        StoredPlanToken stored = StoredPlanToken.fromJson("""
            {"v":1,"access_token":"AT","scope":"","patient":"9","obtained_at":1700000000}""");

        assertEquals(Optional.empty(), stored.patientFrom());
        assertFalse(stored.toJson().contains("patient_from"));
    }
}
