package dev.payeraccess.proxy.everything;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.proxy.everything.EverythingCursors.Position;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The next links of an emulated $everything: short, readable by the proxy only as issued, and bound to the call. */
class EverythingCursorsTest {

    static final String PROXY = "https://kc.example/realms/r/payer-access/fhir/test";
    static final String PLAN = "https://plan.example/r4";

    /** Grants that spell their facts out: what a real MAC covers is visible in the test. */
    static final EverythingCursors.Grants GRANTS = new EverythingCursors.Grants() {
        @Override
        public Optional<String> grant(List<String> facts) {
            return Optional.of("4102444800." + Integer.toHexString(String.join("|", facts).hashCode()));
        }

        @Override
        public void verify(String grant, List<String> facts) throws FhirProblemException {
            if (!grant(facts).orElseThrow().equals(grant)) {
                throw FhirProblem.forbidden("not issued").exception();
            }
        }
    };

    private final EverythingCursors cursors = new EverythingCursors(GRANTS, PROXY, PLAN);

    @Test
    void aNextLinkCarriesTheTypeAndThePlansPageAndOpensOnlyThat() throws Exception {
        EverythingRequest asked = EverythingSearchesTest.request("p1", "_count=5");
        Position at = new Position("ExplanationOfBenefit", cursors.at(PLAN + "/ExplanationOfBenefit?_offset=5"));

        String next = cursors.next(asked, at).orElseThrow();
        String cursor = next.substring(next.indexOf(EverythingRequest.CURSOR + "=") + EverythingRequest.CURSOR.length()
            + 1);
        EverythingRequest following = EverythingSearchesTest.request("p1", "_count=5&" + EverythingRequest.CURSOR + "="
            + cursor);

        assertTrue(next.startsWith(PROXY + "/Patient/p1/$everything?_count=5&payer-access-everything="
            + "ExplanationOfBenefit."), next);
        assertTrue(next.length() < 200, next);
        assertEquals(at, cursors.position(following, cursor));
        assertEquals(PLAN + "/ExplanationOfBenefit?_offset=5", cursors.planUrl(
            new TypeSearch("ExplanationOfBenefit", null), at.at()));
        assertEquals(next, cursors.self(following));
    }

    @Test
    void aCursorMovedToAnotherPatientOtherParametersOrAnotherTypeOpensNothing() throws Exception {
        EverythingRequest asked = EverythingSearchesTest.request("p1", "_count=5");
        String next = cursors.next(asked, new Position("Coverage", "")).orElseThrow();
        String cursor = next.substring(next.indexOf("payer-access-everything=") + "payer-access-everything=".length());

        for (EverythingRequest moved : List.of(EverythingSearchesTest.request("p2", "_count=5"),
            EverythingSearchesTest.request("p1", "_count=50"), EverythingSearchesTest.request("p1", ""))) {
            FhirProblemException refused = assertThrows(FhirProblemException.class,
                () -> cursors.position(moved, cursor));
            assertEquals(403, refused.problem().status());
        }
        assertThrows(FhirProblemException.class, () -> cursors.position(asked, cursor.replace("Coverage",
            "Patient")));
        assertThrows(FhirProblemException.class, () -> cursors.position(asked, "Coverage.%%%.1.2"));
    }

    @Test
    void aPagingHostsLinkStaysWholeAndThePlansBaseIsLeftOut() {
        assertEquals("?_getpages=abc", cursors.at(PLAN + "?_getpages=abc"));
        assertEquals("https://cdn.plan.example/r4/page/2", cursors.at("https://cdn.plan.example/r4/page/2"));
        assertEquals("https://plan.example/r4x/Coverage", cursors.at("https://plan.example/r4x/Coverage"));
    }
}
