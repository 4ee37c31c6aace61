package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Copies one JSON value token by token, however deeply nested, with every string that is a URL on the plan's base
 * moved onto the proxy's ({@link PlanBaseUrls}). Numbers keep their own text, so nothing is lost on the way.
 */
final class TokenCopier {

    private final PlanBaseUrls urls;
    private final RawValues raw;
    private final int maxHeldChars;

    /** @param maxHeldChars the most text a held value may hold; more is a malformed answer */
    TokenCopier(PlanBaseUrls urls, int maxHeldChars) {
        this.urls = urls;
        this.raw = new RawValues(urls);
        this.maxHeldChars = maxHeldChars;
    }

    int maxHeldChars() {
        return maxHeldChars;
    }

    /** Copies the value under the parser's current token. */
    void copyValue(JsonParser in, JsonGenerator out) throws IOException {
        copyValue(in, out, null, null);
    }

    /**
     * As above; while {@code held} holds its entry, the value's size counts against {@code maxHeldChars}, and with
     * {@code noted} every string of its field name the value holds itself (as a field of the object, or of an object
     * in the array) is noted: {@code Patient/p1} of {@code {"reference":"Patient/p1"}}, not a reference nested deeper.
     */
    void copyValue(JsonParser in, JsonGenerator out, NotedValues noted, HeldEntry held) throws IOException {
        if (copiedRaw(in, out, noted, held)) {
            return;
        }
        int depth = 0;
        JsonToken token = in.currentToken();
        int ownDepth = token == JsonToken.START_ARRAY ? 2 : 1;
        while (true) {
            if (held != null && held.isHeld()) {
                held.charge(in.getTextLength() + 1, maxHeldChars);
            }
            switch (token) {
                case START_OBJECT -> { out.writeStartObject(); depth++; }
                case START_ARRAY -> { out.writeStartArray(); depth++; }
                case END_OBJECT -> { out.writeEndObject(); depth--; }
                case END_ARRAY -> { out.writeEndArray(); depth--; }
                case FIELD_NAME -> out.writeFieldName(in.currentName());
                case VALUE_STRING -> {
                    if (noted != null && depth == ownDepth && in.getParsingContext().inObject()
                        && noted.field().equals(in.currentName())) {
                        noted.add(in.getText());
                    }
                    urls.copyString(in, out);
                }
                // The number's own text: FHIR decimals carry precision in trailing zeros (12.50 is not 12.5).
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                        out.writeNumber(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
                case VALUE_TRUE -> out.writeBoolean(true);
                case VALUE_FALSE -> out.writeBoolean(false);
                case VALUE_NULL -> out.writeNull();
                default -> throw new MalformedAnswerException("it holds an unexpected " + token);
            }
            if (depth == 0) {
                return;
            }
            token = next(in);
        }
    }

    /**
     * As {@link #copyValue}, for an object or array of an answer read by a {@link PassingParser} into a generator
     * that writes bytes: read straight from the parser's buffer, checked as the parser and {@link UniqueNames} would
     * check it and noted as above, and passed on as the plan's own bytes ({@link RawValues}). False, with nothing
     * read, where that cannot be done; the value is then copied token by token.
     */
    private boolean copiedRaw(JsonParser in, JsonGenerator out, NotedValues noted, HeldEntry held)
        throws IOException {
        JsonToken token = in.currentToken();
        PassingParser parser = UniqueNames.passing(in);
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY || parser == null
            || !(out.getOutputTarget() instanceof OutputStream) || out.getPrettyPrinter() != null) {
            return false;
        }
        raw.pass(parser, out, noted, held, maxHeldChars);
        UniqueNames.passed(in);
        return true;
    }

    /** The next token, where the document must go on. */
    static JsonToken next(JsonParser in) throws IOException {
        JsonToken token = in.nextToken();
        if (token == null) {
            throw new MalformedAnswerException("it ends before the resource is complete");
        }
        return token;
    }

    static void skipRestOfObject(JsonParser in) throws IOException {
        while (next(in) == JsonToken.FIELD_NAME) {
            next(in);
            in.skipChildren();
        }
    }

    /**
     * The string values of one field name noted while a value is copied: the {@code reference} of one top-level
     * element of an inspected resource (whom it concerns), or the {@code mode} of an entry's {@code search}.
     */
    static final class NotedValues {
        private final String field;
        private final byte[] fieldBytes;
        private String first; // most fields hold no value of the name, nearly all the others one
        private Set<String> values; // made on a second, different value

        NotedValues(String field) {
            this.field = field;
            this.fieldBytes = field.getBytes(StandardCharsets.UTF_8);
        }

        String field() {
            return field;
        }

        /** The field name as UTF-8, for {@link RawValues} to compare with the plan's bytes. */
        byte[] fieldBytes() {
            return fieldBytes;
        }

        void add(String value) {
            if (first == null) {
                first = value;
            } else if (values == null) {
                if (!first.equals(value)) {
                    values = new HashSet<>();
                    values.add(first);
                    values.add(value);
                }
            } else {
                values.add(value);
            }
        }

        boolean isEmpty() {
            return first == null;
        }

        Set<String> values() {
            return values != null ? values : first == null ? Set.of() : Set.of(first);
        }

        /** The values noted so far, and none from now on: one instance serves field after field. */
        Set<String> take() {
            Set<String> taken = values();
            first = null;
            values = null;
            return taken;
        }

        /** For a {@code search.mode}: the entry matched, or says nothing (a plan that marks no modes). */
        boolean isMatch() {
            return first == null || values().contains("match");
        }
    }
}
