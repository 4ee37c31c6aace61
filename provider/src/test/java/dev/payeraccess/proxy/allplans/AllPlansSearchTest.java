package dev.payeraccess.proxy.allplans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a page of a search across plans keeps for the next one, and gives back when its preparation fails. */
class AllPlansSearchTest {

    private final List<String> givenBack = new ArrayList<>();

    @Test
    void aPlanWhosePreparationFailsUnexpectedlyIsAnOutcomeAndTheOthersAreStillPrepared() {
        List<String> prepared = AllPlansSearch.allPrepared(List.of("a", "b", "c"), alias -> {
            if (alias.equals("b")) {
                throw new IllegalStateException("a bug");
            }
            return "held:" + alias;
        }, (alias, e) -> "failed:" + alias, givenBack::add);
        assertEquals(List.of("held:a", "failed:b", "held:c"), prepared);
        assertEquals(List.of(), givenBack);
    }

    @Test
    void whenPreparingCannotGoOnEveryPlanAlreadyPreparedIsGivenBack() {
        assertThrows(IllegalStateException.class, () -> AllPlansSearch.allPrepared(List.of("a", "b", "c"),
            alias -> {
                if (alias.equals("c")) {
                    throw new IllegalStateException("a bug");
                }
                return "held:" + alias;
            }, (alias, e) -> {
                throw e; // even making its outcome failed
            }, givenBack::add));
        assertEquals(List.of("held:a", "held:b"), givenBack, "nothing stays held until it lapses");

        givenBack.clear();
        assertThrows(StackOverflowError.class, () -> AllPlansSearch.allPrepared(List.of("a", "b"), alias -> {
            if (alias.equals("b")) {
                throw new StackOverflowError();
            }
            return "held:" + alias;
        }, (alias, e) -> "failed:" + alias, givenBack::add));
        assertEquals(List.of("held:a"), givenBack);
    }

    @Test
    void aPlanWhosePageLinkIsLongerThanACursorKeepsIsReadNoFurtherAndSaysSo() throws Exception {
        CrossPlanCursor.Position shortLink = new CrossPlanCursor.Position("a", "", Optional.of("_getpages=p2"), 0);
        CrossPlanCursor.Position atTheLimit = new CrossPlanCursor.Position("b", "Coverage",
            Optional.of("x".repeat(CrossPlanCursor.MAX_POSITION_CHARS - "Coverage".length())), 0);
        CrossPlanCursor.Position tooLong = new CrossPlanCursor.Position("c", "",
            Optional.of("_getpages=" + "x".repeat(CrossPlanCursor.MAX_POSITION_CHARS)), 0);
        List<ObjectNode> entries = new ArrayList<>();
        List<CrossPlanCursor.Position> kept = AllPlansSearch.kept(List.of(shortLink, atTheLimit, tooLong),
            alias -> new PlanName(alias, alias, "https://kc/realms/r/payer-access/fhir/" + alias), entries::add);
        assertEquals(List.of(shortLink, atTheLimit), kept);
        assertEquals(1, entries.size());
        ObjectNode outcome = entries.get(0);
        assertEquals("outcome", outcome.path("search").path("mode").asText());
        assertEquals("https://kc/realms/r/payer-access/fhir/c",
            outcome.path("resource").path("meta").path("source").asText());
        assertEquals("too-long", outcome.path("resource").path("issue").path(0).path("code").asText());
        String diagnostics = outcome.path("resource").path("issue").path(0).path("diagnostics").asText();
        assertTrue(diagnostics.contains("fhir/c") && diagnostics.contains("4096"), diagnostics);
    }
}
