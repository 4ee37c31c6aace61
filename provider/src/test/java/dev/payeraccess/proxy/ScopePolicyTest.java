package dev.payeraccess.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopePolicyTest {

    private static final List<String> ALLOWED = List.of("Patient", "Coverage", "ExplanationOfBenefit", "Organization");
    private static final String PLAN_ALL = "patient/*.read openid";

    private static boolean allows(String caller, String plan, String type, Access access) {
        return ScopePolicy.of(caller, plan, ALLOWED).refusal(type, access).isEmpty();
    }

    @Test
    void smartV1ReadScopesAllowReadAndSearchOfTheirType() {
        assertTrue(allows("openid patient/Coverage.read", PLAN_ALL, "Coverage", Access.READ));
        assertTrue(allows("openid patient/Coverage.read", PLAN_ALL, "Coverage", Access.SEARCH));
        assertFalse(allows("openid patient/Coverage.read", PLAN_ALL, "ExplanationOfBenefit", Access.SEARCH));
        assertTrue(allows("user/*.read", PLAN_ALL, "ExplanationOfBenefit", Access.SEARCH));
        assertTrue(allows("patient/*.*", PLAN_ALL, "Patient", Access.READ));
    }

    @Test
    void smartV2SplitsReadFromSearch() {
        assertTrue(allows("patient/Coverage.rs", PLAN_ALL, "Coverage", Access.SEARCH));
        assertTrue(allows("patient/Coverage.r", PLAN_ALL, "Coverage", Access.READ));
        assertFalse(allows("patient/Coverage.r", PLAN_ALL, "Coverage", Access.SEARCH));
        assertFalse(allows("patient/Coverage.s", PLAN_ALL, "Coverage", Access.READ));
        assertTrue(allows("patient/*.cruds", PLAN_ALL, "Patient", Access.READ));
    }

    @Test
    void scopesThatGrantNoReadGrantNothing() {
        assertFalse(allows("patient/Coverage.write", PLAN_ALL, "Coverage", Access.READ));
        assertFalse(allows("patient/Coverage.c", PLAN_ALL, "Coverage", Access.READ));
        assertFalse(allows("openid launch/patient offline_access", PLAN_ALL, "Coverage", Access.READ));
        assertFalse(allows("", PLAN_ALL, "Coverage", Access.READ));
        assertFalse(allows("patient/Observation.rs?category=laboratory", PLAN_ALL, "Observation", Access.SEARCH),
            "a query-narrowed v2 scope cannot be enforced by the proxy, so it grants nothing");
        assertFalse(allows("system/*.read", PLAN_ALL, "Coverage", Access.READ), "no system context for member data");
    }

    @Test
    void thePlansGrantNarrowsWhatTheCallerMayHave() {
        String narrow = "patient/ExplanationOfBenefit.read openid";
        assertTrue(allows("patient/*.read", narrow, "ExplanationOfBenefit", Access.SEARCH));
        Optional<String> refusal = ScopePolicy.of("patient/*.read", narrow, ALLOWED).refusal("Coverage", Access.SEARCH);
        assertTrue(refusal.orElse("").contains("did not grant"), refusal.toString());
    }

    @Test
    void aPlanThatStatedNoResourceScopeLeavesTheDecisionToTheCallerAndTheAdmin() {
        assertTrue(allows("patient/*.read", "", "Coverage", Access.SEARCH));
        assertTrue(allows("patient/*.read", "openid offline_access", "Coverage", Access.SEARCH));
    }

    @Test
    void theAdminsAllowlistIsTheOuterLimit() {
        Optional<String> refusal = ScopePolicy.of("patient/*.read", PLAN_ALL, ALLOWED).refusal("Observation", Access.READ);
        assertTrue(refusal.orElse("").contains("administrator"), refusal.toString());
    }

    @Test
    void refusalsTellTheDeveloperWhichScopeToAskFor() {
        String refusal = ScopePolicy.of("patient/Coverage.read", PLAN_ALL, ALLOWED)
            .refusal("ExplanationOfBenefit", Access.SEARCH).orElseThrow();
        assertTrue(refusal.contains("patient/ExplanationOfBenefit.read") && refusal.contains("patient/ExplanationOfBenefit.s"),
            refusal);
    }

    @Test
    void bundleEntriesAreReturnedWhenEitherReadOrSearchIsAllowed() {
        ScopePolicy policy = ScopePolicy.of("patient/Coverage.r patient/ExplanationOfBenefit.rs", PLAN_ALL, ALLOWED);
        assertTrue(policy.mayReturn("Coverage"));
        assertFalse(policy.mayReturn("Patient"));
        assertEquals(false, policy.mayReturn("Observation"));
    }
}
