package dev.payeraccess.proxy.allplans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrossPlanCursorTest {

    @Test
    void survivesTheStoreAsNotes() {
        CrossPlanCursor cursor = new CrossPlanCursor("user-1", "ExplanationOfBenefit",
            SortOrder.of(Optional.of("-service-date")), 7, List.of(
                new CrossPlanCursor.Position("a", "", Optional.of("_getpages=x&grant=y"), 3,
                    List.of("ERAXtCD2fHys", "ysWWHbP2t-g4", "dMv3b3rXoU8o")),
                new CrossPlanCursor.Position("b", "ExplanationOfBenefit", Optional.empty(), 0)));
        assertEquals(Optional.of(cursor), CrossPlanCursor.fromNotes(cursor.toNotes()));
    }

    @Test
    void damagedNotesAreNoCursor() {
        assertEquals(Optional.empty(), CrossPlanCursor.fromNotes(Map.of("user", "u", "plans", "2")));
    }
}
