package dev.payeraccess.proxy.allplans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.FhirProblemException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CursorStoreTest {

    private static final byte[] KEY = "a realm's HMAC key, derived".getBytes(StandardCharsets.UTF_8);
    private final Map<String, Map<String, String>> kept = new HashMap<>();
    private final AtomicLong clock = new AtomicLong(1_000_000L);
    private final CursorStore store = new CursorStore(kept::get, (key, lifespan, notes) -> kept.put(key, notes),
        "realm-1", List.of(KEY), () -> clock.addAndGet(1000));
    private final CrossPlanCursor cursor = new CrossPlanCursor("user-1", "Coverage", Optional.empty(), 20,
        List.of(new CrossPlanCursor.Position("a", "", Optional.of("_getpages=" + "x".repeat(3000)), 2)));

    @Test
    void aShortLinkOpensTheKeptCursorForItsUserOnly() throws Exception {
        String link = store.save(cursor, Optional.empty());
        assertTrue(link.length() < 100, "short whatever the plans' page links weigh: " + link);
        assertEquals(cursor, store.load(link, "user-1").cursor());
        assertEquals(403, assertThrows(FhirProblemException.class, () -> store.load(link, "user-2"))
            .problem().status());
    }

    @Test
    void anAlteredLinkIsRefusedAndAnExpiredOneIsGone() throws Exception {
        String link = store.save(cursor, Optional.empty());
        String id = link.substring(0, link.lastIndexOf('.'));
        String other = store.save(cursor, Optional.empty());
        String spliced = other.substring(0, other.lastIndexOf('.')) + link.substring(link.lastIndexOf('.'));
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
        String link = store.save(cursor, Optional.empty());
        CursorStore rotated = new CursorStore(kept::get, (key, lifespan, notes) -> kept.put(key, notes), "realm-1",
            List.of("another key".getBytes(StandardCharsets.UTF_8)), clock::get);
        assertEquals(403, assertThrows(FhirProblemException.class, () -> rotated.load(link, "user-1"))
            .problem().status());
    }

    @Test
    void followingNextLinksReplacesTheSearchsEntryAndThePageServedMayBeAskedAgain() throws Exception {
        String first = store.save(cursor, Optional.empty());
        CursorStore.Loaded second = store.load(first, "user-1");
        String third = store.save(page(3), Optional.of(second));
        assertEquals(1, kept.size(), "the next page replaces the one it was served from");
        assertEquals(cursor, store.load(first, "user-1").cursor(), "the page just served may be asked again");
        String fourth = store.save(page(4), Optional.of(store.load(third, "user-1")));
        assertEquals(1, kept.size());
        assertEquals(page(4), store.load(fourth, "user-1").cursor());
        assertEquals(page(3), store.load(third, "user-1").cursor());
        assertEquals(404, assertThrows(FhirProblemException.class, () -> store.load(first, "user-1"))
            .problem().status(), "two pages back: gone");
    }

    @Test
    void aUserKeepsAtMostSoManySearchesTheOldestGivingWay() throws Exception {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < CursorStore.SLOTS_PER_USER + 3; i++) {
            links.add(store.save(cursor, Optional.empty()));
        }
        String others = store.save(new CrossPlanCursor("user-2", "Coverage", Optional.empty(), 20, List.of()),
            Optional.empty());
        assertEquals(CursorStore.SLOTS_PER_USER + 1, kept.size(), "one user holds at most its places");
        for (int i = 0; i < 3; i++) {
            int oldest = i;
            FhirProblemException gone = assertThrows(FhirProblemException.class,
                () -> store.load(links.get(oldest), "user-1"));
            assertEquals(404, gone.problem().status());
        }
        for (int i = 3; i < links.size(); i++) {
            assertEquals(cursor, store.load(links.get(i), "user-1").cursor(), "the newest searches go on");
        }
        assertEquals("user-2", store.load(others, "user-2").cursor().user(), "another user's are their own");
    }

    private CrossPlanCursor page(int taken) {
        return new CrossPlanCursor("user-1", "Coverage", Optional.empty(), 20,
            List.of(new CrossPlanCursor.Position("a", "", Optional.of("_getpages=p" + taken), taken)));
    }
}
