package dev.payeraccess.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.directory.DirectorySearch.Listing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Searching and paging the plan directory: one stable order, no plan skipped or repeated, small pages. */
class DirectorySearchTest {

    private static final Function<Listing, Listing> SELF = Function.identity();

    private static Listing plan(String alias, String name) {
        return new Listing(alias, name, "");
    }

    private final List<Listing> plans = List.of(
        plan("bay", "Bayside Health"), plan("aetna", "Aetna Better Health"), plan("sante", "Santé Mutual"),
        plan("bay-2", "Bayside Health"), new Listing("blue", "Blue Plan", "Medicare Advantage in Texas"));

    @Test
    void everyWordMustAppearInTheNameAliasOrDescriptionIgnoringCaseAndAccents() {
        assertEquals(List.of("sante"), aliases(DirectoryQuery.of("SANTE mut", null, null)));
        assertEquals(List.of("blue"), aliases(DirectoryQuery.of("texas medicare", null, null)));
        assertEquals(List.of("bay", "bay-2"), aliases(DirectoryQuery.of(" bay ", null, null)));
        assertEquals(List.of(), aliases(DirectoryQuery.of("bay texas", null, null)));
    }

    @Test
    void plansAreOrderedByNameThenAlias() {
        assertEquals(List.of("aetna", "bay", "bay-2", "blue", "sante"), aliases(DirectoryQuery.firstPage()));
    }

    @Test
    void followingNextPagesListsEveryPlanOnceEvenWhenPlansChangeInBetween() {
        List<Listing> realm = new ArrayList<>(plans);
        DirectoryQuery query = DirectoryQuery.of(null, "2", null);
        DirectorySearch.Page<Listing> first = DirectorySearch.page(realm, SELF, query);
        assertEquals(5, first.matches());
        assertEquals(List.of("aetna", "bay"), first.plans().stream().map(Listing::alias).toList());
        realm.add(plan("acme", "Acme Care")); // before the cursor: not on a later page
        realm.removeIf(p -> p.alias().equals("blue"));

        DirectoryQuery second = DirectoryQuery.of(null, "2", first.next().orElseThrow().token());
        DirectorySearch.Page<Listing> page = DirectorySearch.page(realm, SELF, second);

        assertEquals(List.of("bay-2", "sante"), page.plans().stream().map(Listing::alias).toList());
        assertEquals(Optional.empty(), page.next(), "the last page has no next");
    }

    @Test
    void aDefaultPageHoldsAHundredPlans() {
        List<Listing> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(plan(String.format("plan-%03d", i), String.format("Plan %03d", i)));
        }
        DirectorySearch.Page<Listing> page = DirectorySearch.page(many, SELF, DirectoryQuery.of(null, null, null));
        assertEquals(100, page.plans().size());
        assertTrue(page.next().isPresent());
        assertEquals(250, page.matches());
    }

    @Test
    void parametersTheDirectoryDoesNotTakeAreRefusedSayingWhatItTakes() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirectoryQuery.of(null, "0", null))
            .getMessage().contains("_count takes a number of plans from 1 to 200"));
        assertThrows(IllegalArgumentException.class, () -> DirectoryQuery.of(null, "201", null));
        assertThrows(IllegalArgumentException.class, () -> DirectoryQuery.of(null, "ten", null));
        assertThrows(IllegalArgumentException.class, () -> DirectoryQuery.of("x".repeat(101), null, null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirectoryQuery.of(null, null, "!!"))
            .getMessage().contains("follow the next link"));
    }

    private List<String> aliases(DirectoryQuery query) {
        return DirectorySearch.page(plans, SELF, query).plans().stream().map(Listing::alias).toList();
    }
}
