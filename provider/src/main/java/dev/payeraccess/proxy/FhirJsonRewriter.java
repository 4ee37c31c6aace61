package dev.payeraccess.proxy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Copies a plan's FHIR JSON answer to the app token by token, so a 100 MB searchset never sits in memory.
 *
 * <p>On the way it makes two changes. Every string value that is a URL on the plan's FHIR base is moved onto
 * the proxy's base, so paging links, {@code fullUrl}s and absolute references lead the app back through the
 * proxy (page links also get the proxy's grant, see {@link PageLinks}). And when the answer is a Bundle, each
 * top-level {@code entry} the {@link AnswerFilter} withholds is left out: a type the caller may not read (the
 * plan may add such entries through {@code _include}), or, for {@code patient/} access, a resource about
 * another patient. An entry is held back only until its type decides, or whole when its content decides,
 * and never beyond {@code maxHeldChars}.
 *
 * <p>One instance serves one response: {@link #removedEntries()} reports on the last {@link #copy} and the
 * instance keeps a scratch buffer, so it is not thread-safe.
 */
public final class FhirJsonRewriter {

    private static final String RESOURCE_TYPE = "resourceType";
    private static final String BUNDLE = "Bundle";
    private static final String ENTRY = "entry";
    private static final String RESOURCE = "resource";
    private static final String REFERENCE = "reference";
    /** What one held entry may hold by default: far above any real claim, far below a memory problem. */
    public static final int DEFAULT_MAX_HELD_CHARS = 4 * 1024 * 1024;

    private final String planBase;
    private final String proxyBase;
    private final char[] planBaseChars;
    private final char[] proxyBaseChars;
    private final AnswerFilter filter;
    private final UnaryOperator<String> pageLinks;
    private final int maxHeldChars;
    private char[] scratch = new char[256];
    private int removedEntries;

    /**
     * @param planBase     the plan's FHIR base URL, e.g. {@code https://fhir.plan.example/r4}
     * @param proxyBase    the base the app calls instead, e.g.
     *                     {@code https://kc.example/realms/r1/payer-access/fhir/acme}
     * @param readableType whether the caller may read resources of a FHIR type, e.g. {@code "Observation"}
     */
    public FhirJsonRewriter(String planBase, String proxyBase, Predicate<String> readableType) {
        this(planBase, proxyBase, AnswerFilter.byTypeOnly(readableType), UnaryOperator.identity(), DEFAULT_MAX_HELD_CHARS);
    }

    /**
     * @param filter       which entries reach the app
     * @param pageLinks    applied to every rewritten URL of the proxy's base itself ({@code {proxyBase}?...}),
     *                     i.e. page links, to add the caller's page grant
     * @param maxHeldChars the most text one held entry may hold; more is a malformed answer
     */
    public FhirJsonRewriter(String planBase, String proxyBase, AnswerFilter filter, UnaryOperator<String> pageLinks,
                            int maxHeldChars) {
        this.planBase = withoutTrailingSlashes(Objects.requireNonNull(planBase, "planBase"));
        this.proxyBase = withoutTrailingSlashes(Objects.requireNonNull(proxyBase, "proxyBase"));
        if (this.planBase.isEmpty()) {
            throw new IllegalArgumentException("planBase must not be empty");
        }
        this.planBaseChars = this.planBase.toCharArray();
        this.proxyBaseChars = this.proxyBase.toCharArray();
        this.filter = Objects.requireNonNull(filter, "filter");
        this.pageLinks = Objects.requireNonNull(pageLinks, "pageLinks");
        this.maxHeldChars = maxHeldChars;
    }

    /**
     * Copies one FHIR JSON document from {@code in} to {@code out}, rewriting plan URLs and leaving out
     * Bundle entries the caller may not read. Neither stream is flushed or closed.
     *
     * @param in  positioned before the document ({@code currentToken() == null}) or on its opening brace,
     *            which lets the proxy peek at the first token before it commits to a status
     * @param out receives the document as compact JSON
     * @throws MalformedAnswerException when the answer is not one JSON object with a string
     *                                  {@code resourceType}; the message never quotes the document
     * @throws IOException              when either side fails mid-stream
     */
    public void copy(JsonParser in, JsonGenerator out) throws IOException {
        removedEntries = 0;
        try {
            JsonToken first = in.currentToken() != null ? in.currentToken() : in.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedAnswerException("it is not a JSON object");
            }
            copyResource(in, out);
            if (in.nextToken() != null) {
                throw new MalformedAnswerException("more follows the resource");
            }
        } catch (StreamReadException e) {
            // Jackson's own message quotes the offending token, which may be a member's health data.
            throw new MalformedAnswerException("it is not valid JSON" + where(e.getLocation()));
        } catch (StreamConstraintsException e) {
            throw new MalformedAnswerException("it exceeds the JSON parser's limits");
        }
    }

    /** How many Bundle entries the last {@link #copy} left out because the caller may not read their type. */
    public int removedEntries() {
        return removedEntries;
    }

    /**
     * Moves a URL on the plan's base onto the proxy's base; anything else comes back unchanged. Also meant for
     * single header values such as {@code Location} and {@code Content-Location}.
     */
    public String rewrite(String value) {
        if (!isPlanUrl(value)) {
            return value;
        }
        String moved = proxyBase + value.substring(planBase.length());
        return value.length() > planBase.length() && value.charAt(planBase.length()) == '?' ? pageLinks.apply(moved) : moved;
    }

    private void copyResource(JsonParser in, JsonGenerator out) throws IOException {
        out.writeStartObject();
        String type = null; // until the resourceType field has gone by
        TokenBuffer entriesBeforeType = null;
        while (next(in) == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            next(in);
            if (RESOURCE_TYPE.equals(field)) {
                type = resourceTypeOnce(in, type);
                out.writeFieldName(RESOURCE_TYPE);
                out.writeString(type);
                copyHeldEntries(entriesBeforeType, type, out);
            } else if (ENTRY.equals(field) && type == null) {
                entriesBeforeType = holdEntries(in, entriesBeforeType);
            } else {
                out.writeFieldName(field);
                copyFieldValue(field, type, in, out);
            }
        }
        if (type == null) {
            throw new MalformedAnswerException("it has no resourceType");
        }
        out.writeEndObject();
    }

    private static String resourceTypeOnce(JsonParser in, String typeSoFar) throws IOException {
        // A second resourceType could make the app see a Bundle whose entries were never filtered.
        if (typeSoFar != null) {
            throw new MalformedAnswerException("it names its resourceType twice");
        }
        if (in.currentToken() != JsonToken.VALUE_STRING) {
            throw new MalformedAnswerException("its resourceType is not a string");
        }
        return in.getText();
    }

    /**
     * Holds a top-level {@code entry} that came before {@code resourceType}: until the type is known it is not
     * clear whether the entries must be filtered. Servers put resourceType first, so this path is rare.
     */
    private static TokenBuffer holdEntries(JsonParser in, TokenBuffer heldSoFar) throws IOException {
        if (heldSoFar != null) {
            throw new MalformedAnswerException("it has two entry fields");
        }
        TokenBuffer held = new TokenBuffer(null, false);
        // Keeps decimals as their original text, so replaying them loses no precision.
        held.copyCurrentStructure(in);
        return held;
    }

    private void copyHeldEntries(TokenBuffer held, String type, JsonGenerator out) throws IOException {
        if (held == null) {
            return;
        }
        JsonParser replay = held.asParser();
        replay.nextToken();
        out.writeFieldName(ENTRY);
        copyFieldValue(ENTRY, type, replay, out);
    }

    private void copyFieldValue(String field, String type, JsonParser in, JsonGenerator out) throws IOException {
        if (ENTRY.equals(field) && BUNDLE.equals(type)) {
            copyBundleEntries(in, out);
        } else {
            copyValue(in, out);
        }
    }

    private void copyBundleEntries(JsonParser in, JsonGenerator out) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedAnswerException("its Bundle.entry is not an array");
        }
        out.writeStartArray();
        while (next(in) != JsonToken.END_ARRAY) {
            if (in.currentToken() != JsonToken.START_OBJECT) {
                throw new MalformedAnswerException("a Bundle entry is not an object");
            }
            copyEntry(in, out);
        }
        out.writeEndArray();
    }

    /**
     * Copies one Bundle entry, or leaves it out when its resource is of a type the caller may not read. What
     * comes before the resource's type (usually just {@code fullUrl}) is held back until the type is known;
     * from there the entry streams straight through, so at most one entry is ever held.
     */
    private void copyEntry(JsonParser in, JsonGenerator out) throws IOException {
        HeldEntry entry = new HeldEntry(out);
        entry.sink().writeStartObject();
        while (next(in) == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = next(in);
            entry.sink().writeFieldName(field);
            if (RESOURCE.equals(field) && value == JsonToken.START_OBJECT) {
                if (!copyEntryResource(in, entry)) {
                    skipRestOfObject(in);
                    entry.discard();
                    removedEntries++;
                    return;
                }
            } else {
                copyValue(in, entry.sink(), null, entry);
            }
        }
        // No resource at all (only request, response or search): nothing to withhold.
        entry.release();
        out.writeEndObject();
    }

    /**
     * Copies {@code entry.resource}: released as soon as its type is returned, left out as soon as it is
     * withheld, and held whole when its content decides (then its {@code id} and every {@code reference}
     * are noted on the way).
     *
     * @return false when the entry must be left out; the parser has then moved past the resource. A resource
     *         without a string resourceType is left out too: nobody can tell what it is.
     */
    private boolean copyEntryResource(JsonParser in, HeldEntry entry) throws IOException {
        entry.sink().writeStartObject();
        AnswerFilter.Verdict verdict = null;
        String type = null;
        String id = "";
        ResourceFacts facts = new ResourceFacts(); // until the type says whether the content matters
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
                if (verdict == AnswerFilter.Verdict.RETURN) {
                    entry.release();
                    facts = null;
                }
            }
            entry.sink().writeFieldName(field);
            if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
                id = in.getText(); // it may come before resourceType
            }
            copyValue(in, entry.sink(), facts, entry);
        }
        entry.sink().writeEndObject();
        if (verdict == null) {
            return false;
        }
        if (verdict == AnswerFilter.Verdict.INSPECT) {
            if (!filter.mayReturn(type, id, facts.references)) {
                return false;
            }
            entry.release();
        }
        return true;
    }

    /** What an inspected resource says about whom it concerns. */
    private static final class ResourceFacts {
        private final Set<String> references = new HashSet<>();
    }

    /** Copies the value under the parser's current token, however deeply nested, rewriting plan URLs. */
    private void copyValue(JsonParser in, JsonGenerator out) throws IOException {
        copyValue(in, out, null, null);
    }

    /**
     * As above; while an entry is held, its size counts against {@code maxHeldChars}, and with {@code facts}
     * every {@code reference} string is noted.
     */
    private void copyValue(JsonParser in, JsonGenerator out, ResourceFacts facts, HeldEntry held) throws IOException {
        int depth = 0;
        JsonToken token = in.currentToken();
        String field = null;
        while (true) {
            if (held != null && held.isHeld()) {
                held.charge(in.getTextLength() + 1, maxHeldChars);
            }
            switch (token) {
                case START_OBJECT -> { out.writeStartObject(); depth++; }
                case START_ARRAY -> { out.writeStartArray(); depth++; }
                case END_OBJECT -> { out.writeEndObject(); depth--; }
                case END_ARRAY -> { out.writeEndArray(); depth--; }
                case FIELD_NAME -> { field = in.currentName(); out.writeFieldName(field); }
                case VALUE_STRING -> {
                    if (facts != null && REFERENCE.equals(field)) {
                        facts.references.add(in.getText());
                    }
                    copyString(in, out);
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

    private void copyString(JsonParser in, JsonGenerator out) throws IOException {
        if (!in.hasTextCharacters()) {
            // A replayed TokenBuffer: it holds Strings, and asking it for characters would copy them.
            out.writeString(rewrite(in.getText()));
            return;
        }
        char[] chars = in.getTextCharacters();
        int offset = in.getTextOffset();
        int length = in.getTextLength();
        if (isPlanUrl(chars, offset, length)) {
            if (length > planBaseChars.length && chars[offset + planBaseChars.length] == '?') {
                out.writeString(rewrite(new String(chars, offset, length))); // a page link: rare, and signed
                return;
            }
            writeRewritten(chars, offset, length, out);
        } else {
            out.writeString(chars, offset, length);
        }
    }

    private void writeRewritten(char[] chars, int offset, int length, JsonGenerator out) throws IOException {
        int rest = length - planBaseChars.length;
        int total = proxyBaseChars.length + rest;
        if (scratch.length < total) {
            scratch = new char[Math.max(total, scratch.length * 2)];
        }
        System.arraycopy(proxyBaseChars, 0, scratch, 0, proxyBaseChars.length);
        System.arraycopy(chars, offset + planBaseChars.length, scratch, proxyBaseChars.length, rest);
        out.writeString(scratch, 0, total);
    }

    /** The base itself, or the base followed by a path or a query; {@code …/r4x} is another base. */
    private boolean isPlanUrl(String value) {
        int n = planBase.length();
        return value.startsWith(planBase) && (value.length() == n || isPathOrQueryStart(value.charAt(n)));
    }

    /** Same test on the parser's buffer, without making a String of every value that goes by. */
    private boolean isPlanUrl(char[] chars, int offset, int length) {
        int n = planBaseChars.length;
        // Cheapest rejections first: most values are shorter, or have no '/' or '?' right where the base ends.
        if (length < n || (length > n && !isPathOrQueryStart(chars[offset + n]))) {
            return false;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (chars[offset + i] != planBaseChars[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPathOrQueryStart(char c) {
        return c == '/' || c == '?';
    }

    private static JsonToken next(JsonParser in) throws IOException {
        JsonToken token = in.nextToken();
        if (token == null) {
            throw new MalformedAnswerException("it ends before the resource is complete");
        }
        return token;
    }

    private static void skipRestOfObject(JsonParser in) throws IOException {
        while (next(in) == JsonToken.FIELD_NAME) {
            next(in);
            in.skipChildren();
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String withoutTrailingSlashes(String base) {
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == '/') {
            end--;
        }
        return base.substring(0, end);
    }

    /**
     * The plan answered something that is not a FHIR JSON resource. The message says what is wrong and where,
     * never what the document holds.
     */
    public static final class MalformedAnswerException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedAnswerException(String problem) {
            super("The plan's answer cannot be passed on: " + problem + ".");
        }
    }

    /**
     * The start of one Bundle entry, held back until its resource's type says whether the app may see it.
     * Once released, writes go straight to the app.
     */
    private static final class HeldEntry {
        private final JsonGenerator out;
        private TokenBuffer held = new TokenBuffer(null, false);
        private long heldChars;

        HeldEntry(JsonGenerator out) {
            this.out = out;
        }

        JsonGenerator sink() {
            return held == null ? out : held;
        }

        boolean isHeld() {
            return held != null;
        }

        /** A plan could send one endless entry; holding it would let one answer exhaust the server's memory. */
        void charge(int chars, int max) throws MalformedAnswerException {
            heldChars += chars;
            if (heldChars > max) {
                throw new MalformedAnswerException("one of its Bundle entries is larger than the proxy holds ("
                    + max + " characters)");
            }
        }

        void release() throws IOException {
            if (held != null) {
                held.serialize(out);
                held = null;
            }
        }

        void discard() throws IOException {
            // Only a second "resource" field can arrive here after release; half the entry is already sent.
            if (held == null) {
                throw new MalformedAnswerException("a Bundle entry has two resources");
            }
            held = null;
        }
    }
}
