package dev.payeraccess.proxy.allplans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.FhirProblemException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CursorStoreTest {

    private static final byte[] KEY = "a realm's HMAC key, derived".getBytes(StandardCharsets.UTF_8);
    private final Map<String, Map<String, String>> kept = new HashMap<>();
    private final CursorStore store = new CursorStore(kept::get, (key, lifespan, notes) -> kept.put(key, notes),
        "realm-1", List.of(KEY));
    private final CrossPlanCursor cursor = new CrossPlanCursor("user-1", "Coverage", Optional.empty(), 20,
        List.of(new CrossPlanCursor.Position("a", "", Optional.of("_getpages=" + "x".repeat(3000)), 2)));

    @Test
    void aShortLinkOpensTheKeptCursorForItsUserOnly() throws Exception {
        String link = store.save(cursor);
        assertTrue(link.length() < 80, "short whatever the plans' page links weigh: " + link);
        assertEquals(cursor, store.load(link, "user-1"));
        assertEquals(403, assertThrows(FhirProblemException.class, () -> store.load(link, "user-2"))
            .problem().status());
    }

    @Test
    void anAlteredLinkIsRefusedAndAnExpiredOneIsGone() throws Exception {
        String link = store.save(cursor);
        String id = link.substring(0, link.indexOf('.'));
        String other = store.save(cursor);
        String spliced = other.substring(0, other.indexOf('.')) + link.substring(link.indexOf('.'));
        assertEquals(403, assertThrows(FhirProblemException.class, () -> store.load(spliced, "user-1"))
            .problem().status());
        assertEquals(403, assertThrows(FhirProblemException.class, () -> store.load(id, "user-1"))
            .problem().status());
        kept.clear(); // the store's lifespan passed
        FhirProblemException gone = assertThrows(FhirProblemException.class, () -> store.load(link, "user-1"));
        assertEquals(404, gone.problem().status());
        assertTrue(gone.problem().diagnostics().contains("run the search again"), gone.problem().diagnostics());
    }

    @Test
    void anotherRealmsKeyDoesNotVerify() throws Exception {
        String link = store.save(cursor);
        CursorStore rotated = new CursorStore(kept::get, (key, lifespan, notes) -> kept.put(key, notes), "realm-1",
            List.of("another key".getBytes(StandardCharsets.UTF_8)));
        assertEquals(403, assertThrows(FhirProblemException.class, () -> rotated.load(link, "user-1"))
            .problem().status());
    }
}
