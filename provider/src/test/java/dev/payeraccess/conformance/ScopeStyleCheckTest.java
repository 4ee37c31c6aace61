package dev.payeraccess.conformance;

import static dev.payeraccess.conformance.Plans.smart;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.payeraccess.broker.ScopeStyle;
import dev.payeraccess.conformance.Finding.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeStyleCheckTest {

    private static final String ENDPOINTS = "\"authorization_endpoint\":\"https://a.example/a\","
        + "\"token_endpoint\":\"https://a.example/t\"";

    private static Finding check(String requested, ScopeStyle style, String hints) {
        return ScopeStyleCheck.of(requested, style, smart("{" + ENDPOINTS + "," + hints + "}"));
    }

    @Test
    void wildcardV1ScopesAtAPlanListingThemPass() {
        Finding finding = check("patient/*.read openid", ScopeStyle.AS_TYPED,
            "\"scopes_supported\":[\"patient/*.read\"],\"capabilities\":[\"permission-v1\"]");

        assertEquals(Result.PASS, finding.result(), finding::toString);
    }

    @Test
    void v1ScopesAtAPlanSpeakingOnlyV2SuggestSmartV2() {
        Finding finding = check("patient/*.read openid", ScopeStyle.SMART_V1, "\"capabilities\":[\"permission-v2\"]");

        assertEquals(Result.WARN, finding.result());
        assertEquals(Map.of("scopeStyle", "smart-v2"), finding.suggests());
    }

    @Test
    void wildcardsAtAPlanListingOnlyScopesPerTypeSuggestAGranularStyle() {
        Finding v1 = check("patient/*.read openid", ScopeStyle.AS_TYPED,
            "\"scopes_supported\":[\"openid\",\"patient/Coverage.read\",\"patient/Patient.read\"]");
        Finding v2 = check("patient/*.read", ScopeStyle.AS_TYPED,
            "\"scopes_supported\":[\"patient/Coverage.rs\"],\"capabilities\":[\"permission-v2\"]");

        assertEquals(Map.of("scopeStyle", "smart-v1-granular"), v1.suggests());
        assertEquals(Map.of("scopeStyle", "smart-v2-granular"), v2.suggests());
    }

    @Test
    void withoutHintsOrResourceScopesThereIsNothingToCheck() {
        assertEquals(Result.SKIPPED, check("patient/*.read", ScopeStyle.AS_TYPED, "\"scopes_supported\":[\"openid\"]")
            .result());
        assertEquals(Result.SKIPPED, check("openid", ScopeStyle.AS_TYPED, "\"capabilities\":[\"permission-v1\"]")
            .result());
    }
}
