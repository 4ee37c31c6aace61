package dev.payeraccess.proxy.allplans;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an app asked {@code fhir/_all/{type}}: a first page (the search's parameters, forwarded to every plan as they
 * are, with {@code _count} set to the merged page's size) or a later one ({@code _cursor} alone). A parameter that
 * names a patient is refused: patient ids belong to one plan each, and each plan's search is already pinned to the
 * member's own patient at that plan when the caller holds {@code patient/} scopes.
 *
 * @param cursor the signed cursor of a later page
 * @param count the most matches one merged page holds
 * @param forwardedQuery the raw query each plan's first page is asked with
 */
record AllPlansQuery(Optional<String> cursor, Optional<SortOrder> sort, int count, Optional<String> forwardedQuery) {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 200;
    static final String CURSOR = "_cursor";
    /** The longest query a search across plans takes: it is kept, with each plan's position, for its next pages. */
    static final int MAX_QUERY_CHARS = 2048;
    private static final Set<String> PATIENT_PARAMETERS = Set.of("patient", "subject", "beneficiary");

    static AllPlansQuery parse(Optional<String> rawQuery) throws FhirProblemException {
        if (rawQuery.isPresent() && rawQuery.get().length() > MAX_QUERY_CHARS) {
            throw bad("The query of a search across plans is at most " + MAX_QUERY_CHARS + " characters (this one "
                + "has " + rawQuery.get().length() + "); search each plan at fhir/{alias} for a longer one.");
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.filter(q -> !q.isEmpty()).map(q -> q.split("&")).orElse(new String[0])) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                pairs.add(new String[] {decode(kv[0]), kv.length > 1 ? decode(kv[1]) : ""});
            }
        }
        Optional<String> cursor = value(pairs, CURSOR);
        if (cursor.isPresent()) {
            if (pairs.size() > 1) {
                throw bad("A next page of a search across plans takes _cursor alone: follow the next link as given.");
            }
            return new AllPlansQuery(cursor, Optional.empty(), DEFAULT_COUNT, Optional.empty());
        }
        for (String[] pair : pairs) {
            String base = pair[0].split("[:.]", 2)[0];
            if (PATIENT_PARAMETERS.contains(base)) {
                throw bad("fhir/_all does not take " + pair[0] + ": a patient id belongs to one plan. With patient/ "
                    + "scopes each plan's search is already held to the member's own patient there; to search one "
                    + "plan for a given patient, use fhir/{alias}.");
            }
        }
        Optional<SortOrder> sort;
        try {
            sort = SortOrder.of(value(pairs, "_sort"));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        int count = count(value(pairs, "_count"));
        String query = rawQuery.filter(q -> !q.isEmpty()).orElse("");
        if (value(pairs, "_count").isEmpty()) {
            query = query.isEmpty() ? "_count=" + count : query + "&_count=" + count;
        }
        return new AllPlansQuery(Optional.empty(), sort, count, Optional.of(query));
    }

    private static int count(Optional<String> asked) throws FhirProblemException {
        if (asked.isEmpty()) {
            return DEFAULT_COUNT;
        }
        try {
            int count = Integer.parseInt(asked.get());
            if (count >= 1 && count <= MAX_COUNT) {
                return count;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw bad("_count of a search across plans is a number from 1 to " + MAX_COUNT + ".");
    }

    private static Optional<String> value(List<String[]> pairs, String name) {
        return pairs.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).findFirst();
    }

    private static String decode(String raw) throws FhirProblemException {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad("The query is not correctly percent-encoded.");
        }
    }

    private static FhirProblemException bad(String diagnostics) {
        return FhirProblem.badRequest(diagnostics).exception();
    }
}
