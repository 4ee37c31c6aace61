package dev.payeraccess.proxy.allplans;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a search across plans goes on: for each plan with entries still to come, the single-plan request that reads
 * its current page (a search, or the proxy's own granted page link of that plan) and how many of that page's entries
 * the earlier pages already took. Kept server-side (see {@link CursorStore}); the app's {@code next} link carries only
 * its signed id.
 *
 * @param user the user the search was made for: no one else may follow it
 * @param type the searched type
 * @param sort the order kept across plans, if any
 * @param count the most entries one merged page holds
 */
record CrossPlanCursor(String user, String type, Optional<SortOrder> sort, int count, List<Position> positions) {

    /**
     * @param path the request's path below {@code fhir/{alias}/}, still percent-encoded
     * @param query its raw query
     * @param taken how many matches of that page the app already got
     * @param takenEntries which they were ({@link MergedPage#entryKey}): the page is read again for the next merged
     *     page, and a plan may list an unsorted page in another order the second time; empty in a cursor kept by
     *     an earlier version, which then skips by count
     */
    record Position(String alias, String path, Optional<String> query, int taken, List<String> takenEntries) {

        Position {
            takenEntries = List.copyOf(takenEntries);
        }

        Position(String alias, String path, Optional<String> query, int taken) {
            this(alias, path, query, taken, List.of());
        }
    }

    /**
     * The longest request one plan's position may keep (its path and query, the proxy's granted page link of that
     * plan): a plan whose next page link is longer is read no further in a search across plans.
     */
    static final int MAX_POSITION_CHARS = 4096;

    CrossPlanCursor {
        positions = List.copyOf(positions);
    }

    /** Whether {@code position} is short enough to be kept for a next page (see {@link #MAX_POSITION_CHARS}). */
    static boolean fits(Position position) {
        return position.path().length() + position.query().map(String::length).orElse(0) <= MAX_POSITION_CHARS;
    }

    Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("user", user);
        notes.put("type", type);
        sort.ifPresent(s -> notes.put("sort", s.value()));
        notes.put("count", Integer.toString(count));
        notes.put("plans", Integer.toString(positions.size()));
        for (int i = 0; i < positions.size(); i++) {
            Position position = positions.get(i);
            String prefix = "plan." + i + ".";
            notes.put(prefix + "alias", position.alias());
            notes.put(prefix + "path", position.path());
            position.query().ifPresent(q -> notes.put(prefix + "query", q));
            notes.put(prefix + "taken", Integer.toString(position.taken()));
            if (!position.takenEntries().isEmpty()) {
                notes.put(prefix + "entries", String.join(",", position.takenEntries()));
            }
        }
        return notes;
    }

    /** The cursor the notes hold; empty when they are not one (written by another version, or damaged). */
    static Optional<CrossPlanCursor> fromNotes(Map<String, String> notes) {
        try {
            int plans = Integer.parseInt(notes.get("plans"));
            List<Position> positions = new ArrayList<>();
            for (int i = 0; i < plans; i++) {
                String entries = notes.get("plan." + i + ".entries");
                positions.add(new Position(notes.get("plan." + i + ".alias"), notes.get("plan." + i + ".path"),
                    Optional.ofNullable(notes.get("plan." + i + ".query")),
                    Integer.parseInt(notes.get("plan." + i + ".taken")),
                    entries == null ? List.of() : List.of(entries.split(","))));
            }
            Optional<SortOrder> sort = SortOrder.of(Optional.ofNullable(notes.get("sort")));
            return Optional.of(new CrossPlanCursor(notes.get("user"), notes.get("type"), sort,
                Integer.parseInt(notes.get("count")), positions));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
