package dev.payeraccess.sandbox.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmartScopeTest {

    @ParameterizedTest(name = "{0} on {1}: read {2}, search {3}")
    @CsvSource({
        "patient/Coverage.read, Coverage, true, true",
        "patient/Coverage.read, ExplanationOfBenefit, false, false",
        "user/Coverage.read, Coverage, true, true",
        "patient/Coverage.*, Coverage, true, true",
        "patient/Coverage.rs, Coverage, true, true",
        "patient/Coverage.rs, Patient, false, false",
        "patient/Coverage.r, Coverage, true, false",
        "patient/Coverage.s, Coverage, false, true",
        "patient/Coverage.cruds, Coverage, true, true",
        "patient/Coverage.cud, Coverage, false, false",
        "patient/*.read, ExplanationOfBenefit, true, true",
        "patient/*.rs, ExplanationOfBenefit, true, true",
        "patient/*.s, ExplanationOfBenefit, false, true",
        "patient/Coverage.write, Coverage, false, false",
        "openid, Coverage, false, false",
    })
    void readAndSearchPerTypeInSmartV1AndV2(String scope, String type, boolean read, boolean search) {
        assertEquals(read, SmartScope.allowsRead(scope, type));
        assertEquals(search, SmartScope.allowsSearch(scope, type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient/*.read", "user/*.read", "patient/*.rs", "patient/*.*", "user/*.cruds"})
    void wildcardScopesAreRecognised(String scope) {
        assertEquals(true, SmartScope.isWildcard(scope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient/Coverage.read", "patient/Coverage.rs", "openid", "launch/patient", "patient/*."})
    void granularAndPlainScopesAreNotWildcards(String scope) {
        assertEquals(false, SmartScope.isWildcard(scope));
    }
}
