package dev.payeraccess.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.plan.PlanCapabilities;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParsedCapabilitiesTest {

    private static String stored(String version) {
        return new PlanCapabilities(version, List.of(new PlanCapabilities.SearchParam("_id", "token")),
            Map.of("Coverage", new PlanCapabilities.TypeCapabilities(List.of(), List.of(), List.of()))).toJson();
    }

    @Test
    void theSameStoredTextIsParsedOncePerNode() {
        ParsedCapabilities parsed = new ParsedCapabilities();
        String text = stored("4.0.1");

        PlanCapabilities first = parsed.parsed(ParsedCapabilities.digestOf(text), text).orElseThrow();
        PlanCapabilities again = parsed.parsed(ParsedCapabilities.digestOf(text), new String(text)).orElseThrow();

        assertSame(first, again);
    }

    @Test
    void newTextIsANewCopyNeverAStaleOne() {
        ParsedCapabilities parsed = new ParsedCapabilities();
        String before = stored("4.0.0");
        String after = stored("4.0.1");
        parsed.parsed(ParsedCapabilities.digestOf(before), before);

        assertEquals("4.0.1", parsed.parsed(ParsedCapabilities.digestOf(after), after).orElseThrow().fhirVersion());
    }

    @Test
    void aDigestThatDoesNotMatchItsTextIsNotKept() {
        ParsedCapabilities parsed = new ParsedCapabilities();
        String text = stored("4.0.1");

        PlanCapabilities first = parsed.parsed("not-its-digest", text).orElseThrow();

        assertNotSame(first, parsed.parsed("not-its-digest", text).orElseThrow());
        assertEquals(0, parsed.size());
        assertEquals(Optional.empty(), parsed.parsed("x", "not json"));
    }

    @Test
    void heldCopiesAreBoundedByTheirStoredSize() {
        ParsedCapabilities parsed = new ParsedCapabilities();
        for (int i = 0; i < 10_000; i++) {
            String text = stored("4.0." + i);
            parsed.parsed(ParsedCapabilities.digestOf(text), text);
        }
        assertTrue(parsed.size() * (long) stored("4.0.9999").length() <= ParsedCapabilities.MAX_HELD_CHARS + 1000);
        assertTrue(parsed.size() > 100, "many real plans fit: " + parsed.size());
    }
}
