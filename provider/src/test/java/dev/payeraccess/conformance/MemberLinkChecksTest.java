package dev.payeraccess.conformance;

import static dev.payeraccess.conformance.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.conformance.Finding.Result;
import dev.payeraccess.plan.PatientSource;
import dev.payeraccess.plan.RefreshTokens;
import dev.payeraccess.token.StoredPlanToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberLinkChecksTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    private static final String PATIENT = "member-patient-7731";

    private static StoredPlanToken stored(Optional<String> refresh, Optional<Duration> lifetime, String scope,
                                           Optional<PatientSource> from) {
        return new StoredPlanToken("access-token-secret", refresh, lifetime.map(NOW::plus), scope, PATIENT,
            Optional.empty(), NOW, NOW, Optional.empty(), from);
    }

    private static StoredPlanToken wellBehaved() {
        return stored(Optional.of("refresh-token-secret"), Optional.of(Duration.ofHours(1)), "patient/*.read openid",
            Optional.of(PatientSource.TOKEN));
    }

    @Test
    void aLinkWithEverythingThePlanShouldIssuePassesAndNamesNoTokenOrPatient() {
        List<Finding> findings = MemberLinkChecks.of(plan(), wellBehaved());

        assertEquals(List.of("refresh-token", "access-token-lifetime", "granted-scope", "patient-context"),
            findings.stream().map(Finding::check).toList());
        findings.forEach(f -> {
            assertEquals(Result.PASS, f.result(), f::toString);
            assertFalse(f.detail().contains("secret") || f.detail().contains(PATIENT), f.detail());
        });
        assertTrue(findings.get(1).detail().contains("60 minutes"), findings.get(1).detail());
    }

    @Test
    void noRefreshTokenSuggestsRefreshTokensNoneAndMentionsOfflineAccess() {
        StoredPlanToken noRefresh = stored(Optional.empty(), Optional.of(Duration.ofHours(1)), "patient/*.read",
            Optional.of(PatientSource.TOKEN));

        Finding finding = MemberLinkChecks.refreshToken(RefreshTokens.REUSABLE, noRefresh, "patient/*.read openid");

        assertEquals(Result.WARN, finding.result());
        assertEquals(Map.of("refreshTokens", "none"), finding.suggests());
        assertTrue(finding.detail().contains("offline_access"), finding.detail());
        assertEquals(Result.PASS, MemberLinkChecks.refreshToken(RefreshTokens.NONE, noRefresh, "").result());
    }

    @Test
    void tokensOfSecondsOrWithoutExpiryWarn() {
        assertEquals(Result.WARN,
            MemberLinkChecks.lifetime(stored(Optional.empty(), Optional.of(Duration.ofSeconds(30)),
            "", Optional.empty())).result());
        assertEquals(Result.WARN, MemberLinkChecks.lifetime(stored(Optional.empty(), Optional.empty(), "",
            Optional.empty())).result());
    }

    @Test
    void aGrantThatLeavesOutAllowedTypesSuggestsAllowingWhatItCovers() {
        Finding finding = MemberLinkChecks.grantedScope("patient/*.read openid offline_access",
            "patient/Coverage.read patient/Patient.read openid",
                List.of("Patient", "Coverage", "ExplanationOfBenefit"));

        assertEquals(Result.WARN, finding.result());
        assertEquals(Map.of("allowedResourceTypes", "Patient, Coverage"), finding.suggests());
        assertTrue(finding.detail().contains("does not cover ExplanationOfBenefit"), finding.detail());
        assertTrue(finding.detail().contains("not granted: patient/*.read offline_access"), finding.detail());
        assertEquals(Result.WARN, MemberLinkChecks.grantedScope("patient/*.read", "", List.of("Patient")).result());
    }

    @Test
    void wherePatientContextCameFromSuggestsThePatientSource() {
        Finding idToken = MemberLinkChecks.patientContext(stored(Optional.empty(), Optional.empty(), "",
            Optional.of(PatientSource.ID_TOKEN)));
        Finding search = MemberLinkChecks.patientContext(stored(Optional.empty(), Optional.empty(), "",
            Optional.of(PatientSource.SEARCH)));
        Finding unknown = MemberLinkChecks.patientContext(stored(Optional.empty(), Optional.empty(), "",
            Optional.empty()));

        assertEquals(Map.of("patientSource", "id_token, search"), idToken.suggests());
        assertEquals(Map.of("patientSource", "search"), search.suggests());
        assertEquals(Result.SKIPPED, unknown.result());
    }
}
