package dev.payeraccess.proxy.answer;

import static dev.payeraccess.proxy.answer.TokenCopier.next;
import static dev.payeraccess.proxy.answer.TokenCopier.skipRestOfObject;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.payeraccess.proxy.answer.TokenCopier.NotedValues;
import dev.payeraccess.proxy.policy.AnswerFilter;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Copies a Bundle's {@code entry} array, leaving out each entry the {@link AnswerFilter} withholds: a type the
 * caller may not read (the plan may add such entries through {@code _include}), or, for {@code patient/} access, a
 * resource whose own subject is not the linked patient (a dependent's claim, a subscriber's Patient). An entry is
 * held back only until its type decides, or whole when its content decides, and never beyond the copier's
 * {@code maxHeldChars}: at most one entry is ever held.
 */
final class EntryFilter {

    private static final String RESOURCE_TYPE = "resourceType";
    private static final String RESOURCE = "resource";
    private static final String REFERENCE = "reference";
    private static final String SEARCH = "search";
    private static final String MODE = "mode";

    private final AnswerFilter filter;
    private final TokenCopier copier;
    /** The bytes of the entry being held, kept from entry to entry of the answer. */
    private final HeldEntry.EntryBytes bytes = new HeldEntry.EntryBytes();
    /** What an inspected resource's top-level elements say: the {@code reference} each holds, the codes it has. */
    private final Map<String, Set<String>> heldReferences = new HashMap<>();
    private final Map<String, Set<String>> heldCodes = new HashMap<>();
    private int removedEntries;
    private int seenEntries;

    EntryFilter(AnswerFilter filter, TokenCopier copier) {
        this.filter = filter;
        this.copier = copier;
    }

    /** How many entries were left out so far. */
    int removedEntries() {
        return removedEntries;
    }

    /** How many entries were copied to the app so far. */
    int writtenEntries() {
        return seenEntries - removedEntries;
    }

    /** Copies the Bundle's entries, leaving out what the filter withholds; returns how many matched the search. */
    int copyEntries(JsonParser in, JsonGenerator out) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedAnswerException("its Bundle.entry is not an array");
        }
        out.writeStartArray();
        int matches = copyEntryItems(in, out);
        out.writeEndArray();
        return matches;
    }

    /**
     * As {@link #copyEntries}, into an array {@code out} already has open (or opens itself on its first entry): the
     * entries of one Bundle among those of others.
     */
    int copyEntryItems(JsonParser in, JsonGenerator out) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedAnswerException("its Bundle.entry is not an array");
        }
        int matches = 0;
        while (next(in) != JsonToken.END_ARRAY) {
            if (in.currentToken() != JsonToken.START_OBJECT) {
                throw new MalformedAnswerException("a Bundle entry is not an object");
            }
            seenEntries++;
            matches += copyEntry(in, out) ? 1 : 0;
        }
        bytes.closeGenerator();
        return matches;
    }

    /**
     * Copies one Bundle entry, or leaves it out when its resource is withheld. What comes before the resource's type
     * (usually just {@code fullUrl}) is held back until the type is known.
     *
     * @return whether the entry matched the search ({@code search.mode} absent or {@code match}), left out or not:
     *         the plan counted it in its page, and offset paging must count the same
     */
    private boolean copyEntry(JsonParser in, JsonGenerator out) throws IOException {
        HeldEntry entry = HeldEntry.start(out, bytes);
        entry.sink().writeStartObject();
        NotedValues mode = new NotedValues(MODE);
        while (next(in) == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = next(in);
            entry.sink().writeFieldName(field);
            if (RESOURCE.equals(field) && value == JsonToken.START_OBJECT) {
                if (!copyResource(in, entry)) {
                    skipRestOfEntry(in, mode);
                    entry.discard();
                    removedEntries++;
                    return mode.isMatch();
                }
            } else {
                copier.copyValue(in, entry.sink(), SEARCH.equals(field) ? mode : null, entry);
            }
        }
        // No resource at all (only request, response or search): nothing to withhold.
        entry.sink().writeEndObject();
        entry.finish();
        return mode.isMatch();
    }

    /** Skips what follows a withheld resource in its entry, still noting the entry's {@code search.mode}. */
    private static void skipRestOfEntry(JsonParser in, NotedValues mode) throws IOException {
        while (next(in) == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            if (next(in) == JsonToken.START_OBJECT && SEARCH.equals(field)) {
                while (next(in) == JsonToken.FIELD_NAME) {
                    String inner = in.currentName();
                    if (next(in) == JsonToken.VALUE_STRING && MODE.equals(inner)) {
                        mode.add(in.getText());
                    }
                    in.skipChildren();
                }
            } else {
                in.skipChildren();
            }
        }
    }

    /**
     * Copies {@code entry.resource}: released as soon as its type is returned, left out as soon as it is
     * withheld, and held whole when its content decides (then its {@code id} and the {@code reference} each of its
     * top-level elements holds are noted on the way: the filter knows which element says whom it is about).
     *
     * @return false when the entry must be left out; the parser has then moved past the resource. A resource
     *         without a string resourceType is left out too: nobody can tell what it is.
     */
    private boolean copyResource(JsonParser in, HeldEntry entry) throws IOException {
        entry.sink().writeStartObject();
        AnswerFilter.Verdict verdict = null;
        String type = null;
        String id = "";
        // Until the type says whether the content matters, and then for as long as it does. The maps serve resource
        // after resource: the filter decides on them at once and keeps nothing.
        Map<String, Set<String>> references = heldReferences;
        Map<String, Set<String>> codes = heldCodes;
        references.clear();
        codes.clear();
        Set<String> coded = Set.of();
        NotedValues reference = new NotedValues(REFERENCE);
        while (next(in) == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = next(in);
            if (verdict == null && RESOURCE_TYPE.equals(field)) {
                verdict = value == JsonToken.VALUE_STRING ? filter.byType(in.getText()) : AnswerFilter.Verdict.WITHHOLD;
                if (verdict == AnswerFilter.Verdict.WITHHOLD) {
                    in.skipChildren();
                    skipRestOfObject(in);
                    return false;
                }
                type = in.getText();
                coded = verdict == AnswerFilter.Verdict.INSPECT ? filter.codedElements(type) : Set.of();
                if (verdict == AnswerFilter.Verdict.RETURN) {
                    entry.release();
                    references = null;
                }
            }
            entry.sink().writeFieldName(field);
            if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
                id = in.getText(); // it may come before resourceType
            }
            NotedValues noted = references == null ? null : reference;
            if (coded.contains(field)) {
                codes.put(field, copyCoded(in, entry, noted));
            } else {
                copier.copyValue(in, entry.sink(), noted, entry);
            }
            if (noted != null && !noted.isEmpty()) {
                references.put(field, noted.take());
            }
        }
        entry.sink().writeEndObject();
        return verdict != null && (verdict != AnswerFilter.Verdict.INSPECT
            || released(type, id, references, codes, entry));
    }

    /**
     * Copies a coded element the filter looks at, noting its codes: into a buffer first (counted against the held
     * entry's bound), read, then passed on. One that comes before {@code resourceType} is not noted (servers write the
     * type first): its resource then meets no query and is withheld, never passed unchecked.
     */
    private Set<String> copyCoded(JsonParser in, HeldEntry entry, NotedValues noted) throws IOException {
        TokenBuffer value = new TokenBuffer(null, false);
        copier.copyValue(in, value, noted, entry);
        Set<String> codes = new HashSet<>();
        try (JsonParser replay = value.asParser()) {
            replay.nextToken();
            CodedValues.note(replay, codes);
        }
        value.serialize(entry.sink());
        return codes;
    }

    /** An inspected resource is released once whole, if the filter lets it through. */
    private boolean released(String type, String id, Map<String, Set<String>> references,
                             Map<String, Set<String>> codes, HeldEntry entry) throws IOException {
        if (!filter.mayReturn(type, id, references, codes)) {
            return false;
        }
        entry.release();
        return true;
    }
}
