package dev.payeraccess.directory;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a caller asks of the plan directory: the plans whose name matches {@code name}, {@code count} at a time,
 * after the plan a {@code next} link named. Pure.
 *
 * <p>The parameters are FHIR's: {@value #NAME} as the {@code name} search parameter of the {@code Organization}s a
 * Brands Bundle lists plans as (and of FHIR provider directories), {@value #COUNT} as FHIR's page size. The match is
 * looser than FHIR's starts-with: every word must appear somewhere in the plan's name, alias or description,
 * ignoring case and accents, which is what the picker's search box has always done in the browser.
 *
 * @param words the search term's words, folded (see {@link #fold}); none lists every plan
 * @param count plans per page, 1 to {@value #MAX_COUNT}
 * @param after where the previous page ended
 */
public record DirectoryQuery(List<String> words, int count, Optional<DirectoryCursor> after) {

    public static final String NAME = "name";
    public static final String COUNT = "_count";
    public static final String AFTER = "after";
    /**
     * Plans on a page unless {@value #COUNT} says otherwise: about 40 KB of directory, and a list a member can
     * still scroll. A realm with more plans than this answers in pages, and the picker searches on the server.
     */
    public static final int DEFAULT_COUNT = 100;
    public static final int MAX_COUNT = 200;
    static final int MAX_NAME_CHARS = 100;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    public DirectoryQuery {
        words = List.copyOf(words);
    }

    /** Every plan, from the first, a default page at a time. */
    public static DirectoryQuery firstPage() {
        return new DirectoryQuery(List.of(), DEFAULT_COUNT, Optional.empty());
    }

    /**
     * The query of a request's parameters, each possibly absent.
     *
     * @throws IllegalArgumentException saying which parameter is wrong and what it takes
     */
    public static DirectoryQuery of(String name, String count, String after) {
        if (name != null && name.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException(NAME + " takes at most " + MAX_NAME_CHARS + " characters.");
        }
        List<String> words = name == null ? List.of()
            : Arrays.stream(SPACES.split(fold(name).trim())).filter(word -> !word.isEmpty()).toList();
        Optional<DirectoryCursor> cursor = after == null || after.isBlank() ? Optional.empty()
            : Optional.of(DirectoryCursor.parse(after));
        return new DirectoryQuery(words, count(count), cursor);
    }

    /** The next page of the same search. */
    public DirectoryQuery after(DirectoryCursor cursor) {
        return new DirectoryQuery(words, count, Optional.of(cursor));
    }

    /** The term as given back in a {@code next} link: the words, folded. */
    public Optional<String> name() {
        return words.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", words));
    }

    /** Lower case without accents, so "Sante" finds "Santé" and "BLUE" finds "Blue". */
    public static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static int count(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_COUNT;
        }
        try {
            int count = Integer.parseInt(text.trim());
            if (count >= 1 && count <= MAX_COUNT) {
                return count;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(COUNT + " takes a number of plans from 1 to " + MAX_COUNT + ".");
    }
}
