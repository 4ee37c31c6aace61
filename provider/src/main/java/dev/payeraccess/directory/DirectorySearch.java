package dev.payeraccess.directory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds and pages plans in the directory's one stable order: display name ignoring case and accents, then alias
 * (unique in a realm), so every plan has one place and paging neither skips nor repeats one. Pure.
 */
public final class DirectorySearch {

    /** What the search reads of a plan: what a member knows it by. */
    public record Listing(String alias, String displayName, String description) {

        String foldedName() {
            return DirectoryQuery.fold(displayName);
        }

        boolean matches(List<String> words) {
            String text = DirectoryQuery.fold(displayName + " " + alias + " " + description);
            return words.stream().allMatch(text::contains);
        }

        DirectoryCursor place() {
            return new DirectoryCursor(foldedName(), alias);
        }
    }

    /**
     * One page of matching plans.
     *
     * @param plans the page, in the directory's order
     * @param next where the next page starts; empty on the last
     * @param matches how many plans match the search in all
     */
    public record Page<T>(List<T> plans, Optional<DirectoryCursor> next, int matches) {
    }

    private static final Comparator<DirectoryCursor> ORDER = Comparator.comparing(DirectoryCursor::foldedName)
        .thenComparing(DirectoryCursor::alias);

    private DirectorySearch() {
    }

    public static <T> Page<T> page(List<T> plans, Function<T, Listing> listing, DirectoryQuery query) {
        // Each plan's name is folded once, not at every comparison of the sort.
        List<Placed<T>> matching = plans.stream().map(plan -> Placed.of(plan, listing.apply(plan)))
            .filter(placed -> placed.listing().matches(query.words()))
            .sorted(Comparator.comparing(Placed::place, ORDER)).toList();
        List<Placed<T>> rest = query.after().map(after -> matching.stream()
            .filter(placed -> ORDER.compare(placed.place(), after) > 0).toList()).orElse(matching);
        List<Placed<T>> page = rest.stream().limit(query.count()).toList();
        Optional<DirectoryCursor> next = rest.size() > page.size()
            ? Optional.of(page.get(page.size() - 1).place()) : Optional.empty();
        return new Page<>(page.stream().map(Placed::plan).toList(), next, matching.size());
    }

    private record Placed<T>(T plan, Listing listing, DirectoryCursor place) {

        static <T> Placed<T> of(T plan, Listing listing) {
            return new Placed<>(plan, listing, listing.place());
        }
    }
}
