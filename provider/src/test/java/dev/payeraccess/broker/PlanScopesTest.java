package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanScopesTest {

    private static final List<String> TYPES = List.of("Patient", "Coverage");

    @Test
    void asTypedSendsTheScopesField() {
        assertEquals("user/*.read launch/patient", PlanScopes.requested(ScopeStyle.AS_TYPED,
            " user/*.read launch/patient ", TYPES));
    }

    @Test
    void wildcardStylesReplaceResourceScopesAndKeepTheOthers() {
        assertEquals("patient/*.read openid fhirUser", PlanScopes.requested(ScopeStyle.SMART_V1,
            "user/*.read openid fhirUser", TYPES));
        assertEquals("patient/*.rs openid", PlanScopes.requested(ScopeStyle.SMART_V2, "patient/*.read openid", TYPES));
    }

    @Test
    void granularStylesAskForEachAllowedTypeAndNoWildcard() {
        assertEquals("patient/Patient.read patient/Coverage.read openid offline_access", PlanScopes.requested(
            ScopeStyle.SMART_V1_GRANULAR, "patient/*.read openid offline_access", TYPES));
        assertEquals("patient/Patient.rs patient/Coverage.rs", PlanScopes.requested(ScopeStyle.SMART_V2_GRANULAR,
            "patient/*.read patient/Coverage.read", TYPES));
    }
}
