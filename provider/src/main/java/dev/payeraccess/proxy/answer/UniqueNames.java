package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A plan's answer, read so that no object of it names a key twice: such an answer could show the app one value and
 * the proxy's filter another, so it is malformed. Every token is read through {@link #nextToken()} (skipping too),
 * and the names of each open object are kept in a few arrays reused for the whole answer, where Jackson's own check
 * would make a hash set for nearly every object of every entry.
 */
final class UniqueNames extends JsonParserDelegate {

    /** Up to this many names an object's are compared one by one; past it, they go into a set. */
    private static final int LISTED = 32;

    private Level[] levels = new Level[8];
    private int depth;
    /** Reads past values straight from a {@link PassingParser}'s buffer; made on the first. */
    private RawValues skipper;

    private UniqueNames(JsonParser in) {
        super(in);
        if (in.currentToken() == JsonToken.START_OBJECT || in.currentToken() == JsonToken.START_ARRAY) {
            open(in.currentToken() == JsonToken.START_OBJECT); // the proxy looked at the first token already
        }
    }

    /** {@code in}, checked from its current token on. */
    static JsonParser around(JsonParser in) {
        return in instanceof UniqueNames ? in : new UniqueNames(in);
    }

    /** The parser under {@code in} when it can pass its current value on as bytes; null when it cannot. */
    static PassingParser passing(JsonParser in) {
        JsonParser under = in instanceof UniqueNames names ? names.delegate : in;
        return under instanceof PassingParser parser ? parser : null;
    }

    /**
     * The object or array {@code in} had opened was read through its end straight from the {@link PassingParser}
     * (whose reader checks its names itself).
     */
    static void passed(JsonParser in) {
        if (in instanceof UniqueNames names) {
            names.depth = Math.max(0, names.depth - 1);
        }
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        if (token == null) {
            return null;
        }
        switch (token.id()) {
            case JsonTokenId.ID_START_OBJECT -> open(true);
            case JsonTokenId.ID_START_ARRAY -> open(false);
            case JsonTokenId.ID_END_OBJECT, JsonTokenId.ID_END_ARRAY -> depth = Math.max(0, depth - 1);
            case JsonTokenId.ID_FIELD_NAME -> named(delegate.currentName());
            default -> {
                // values name nothing
            }
        }
        return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
    }

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    /**
     * Skips through {@link #nextToken()}, or straight through a {@link PassingParser}'s buffer, so what is skipped is
     * checked too: the answer is malformed as a whole.
     */
    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken token = currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return this;
        }
        if (delegate instanceof PassingParser parser) {
            if (skipper == null) {
                skipper = new RawValues(null);
            }
            skipper.skip(parser);
            passed(this);
            return this;
        }
        for (int open = 1; open > 0;) {
            JsonToken next = nextToken();
            if (next == null) {
                return this;
            }
            if (next.isStructStart()) {
                open++;
            } else if (next.isStructEnd()) {
                open--;
            }
        }
        return this;
    }

    private void open(boolean object) {
        if (depth == levels.length) {
            levels = Arrays.copyOf(levels, depth * 2);
        }
        if (levels[depth] == null) {
            levels[depth] = new Level();
        }
        levels[depth++].reset(object);
    }

    private void named(String name) throws MalformedAnswerException {
        if (depth > 0 && !levels[depth - 1].add(name)) {
            throw new MalformedAnswerException("an object in it names the same key twice");
        }
    }

    /** The names one open object gave so far; an array gives none. */
    private static final class Level {
        private final String[] listed = new String[LISTED];
        /** Their hash codes, which a name's String keeps: most names differ in it, so few are compared whole. */
        private final int[] hashes = new int[LISTED];
        private int count;
        private boolean object;
        private Set<String> many;

        void reset(boolean isObject) {
            object = isObject;
            Arrays.fill(listed, 0, Math.min(count, LISTED), null);
            count = 0;
            if (many != null) {
                many.clear();
            }
        }

        boolean add(String name) {
            if (!object) {
                return true;
            }
            int compared = Math.min(count, LISTED);
            int hash = name.hashCode();
            for (int i = 0; i < compared; i++) {
                if (hashes[i] == hash && listed[i].equals(name)) {
                    return false;
                }
            }
            if (count < LISTED) {
                hashes[count] = hash;
                listed[count++] = name;
                return true;
            }
            if (many == null) {
                many = new HashSet<>();
            }
            count++;
            return many.add(name);
        }
    }
}
