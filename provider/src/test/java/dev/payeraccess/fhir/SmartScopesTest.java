package dev.payeraccess.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A token's scope string is read word by word, whatever whitespace the authorization server put between them. */
class SmartScopesTest {

    private static final List<String> WORDS = List.of("openid", "patient/*.read", "user/Coverage.rs",
        "patient/ExplanationOfBenefit.rs?type=http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimType|pharmacy",
        "patient/Observation.read", "offline_access");
    private static final List<String> SPACES = List.of(" ", "  ", "\t", "\n", "\u000B", "\f", "\r\n");
    private static final List<String> TYPES = List.of("Patient", "Coverage", "ExplanationOfBenefit", "Observation");

    @Test
    void wordsAreSplitAtAnyWhitespaceAsTheyWereByARegularExpression() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder scope = new StringBuilder(random.nextBoolean() ? " " : "");
            for (int w = random.nextInt(5); w >= 0; w--) {
                scope.append(WORDS.get(random.nextInt(WORDS.size()))).append(SPACES.get(random.nextInt(SPACES.size())));
            }
            SmartScopes read = SmartScopes.parse(scope.toString());
            SmartScopes split = SmartScopes.parse(new LinkedHashSet<>(List.of(scope.toString().trim().split("\\s+"))));
            for (String type : TYPES) {
                for (Access access : Access.values()) {
                    assertEquals(split.allows(type, access), read.allows(type, access), scope::toString);
                    assertEquals(split.restrictions(type, access), read.restrictions(type, access), scope::toString);
                }
            }
            assertEquals(split.namesAnyResource(), read.namesAnyResource(), scope::toString);
        }
    }

    @Test
    void aWordTwiceIsOneWordAndNoScopeIsNone() {
        assertTrue(SmartScopes.parse("openid patient/*.read  patient/*.read").allows("Coverage", Access.SEARCH));
        assertFalse(SmartScopes.parse(" \t ").namesAnyResource());
        assertFalse(SmartScopes.parse((String) null).allows("Coverage", Access.READ));
        assertEquals(Set.of(), Set.copyOf(SmartScopes.parse("").restrictions("Coverage", Access.READ)));
    }
}
