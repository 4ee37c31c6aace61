package dev.payeraccess.proxy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.plan.PlanHosts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Copies a plan's FHIR JSON answer to the app token by token, so a 100 MB searchset never sits in memory.
 *
 * <p>On the way it makes three changes. Every string value that is a URL on the plan's FHIR base is moved onto
 * the proxy's base, so paging links, {@code fullUrl}s and absolute references lead the app back through the
 * proxy (page links also get the proxy's grant, see {@link PageLinks}). When the answer is a Bundle, each
 * top-level {@code entry} the {@link AnswerFilter} withholds is left out: a type the caller may not read (the
 * plan may add such entries through {@code _include}), or, for {@code patient/} access, a resource about
 * another patient. An entry is held back only until its type decides, or whole when its content decides,
 * and never beyond {@code maxHeldChars}. And a Bundle's {@code link}s go as {@link BundlePaging} says: links on
 * the plan's base are moved like any URL, links to its paging hosts become the proxy's own page links, links
 * anywhere else are left out, and with offset paging the proxy writes the {@code next} link itself.
 *
 * <p>To know the page's entries before writing a {@code next} link, a Bundle's {@code link} array (small: a few
 * URLs) is held, within {@code maxHeldChars}, and written after the entries. FHIR allows it: "The order of
 * properties of an object is not significant in the JSON representation, though order within an array SHALL be
 * maintained" (FHIR R4, JSON Representation of Resources, https://hl7.org/fhir/R4/json.html); the links keep
 * their order among themselves.
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
    private static final String LINK = "link";
    private static final String URL = "url";
    private static final String RELATION = "relation";
    private static final String SEARCH = "search";
    private static final String MODE = "mode";
    private static final String SEARCHSET = "searchset";
    /** What one held entry may hold by default: far above any real claim, far below a memory problem. */
    public static final int DEFAULT_MAX_HELD_CHARS = 4 * 1024 * 1024;

    private final String planBase;
    private final String proxyBase;
    private final char[] planBaseChars;
    private final char[] proxyBaseChars;
    private final AnswerFilter filter;
    private final UnaryOperator<String> pageLinks;
    private final BundlePaging paging;
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

    /** As below, with Bundle links kept on the plan's base only ({@link BundlePaging#onPlanBaseOnly()}). */
    public FhirJsonRewriter(String planBase, String proxyBase, AnswerFilter filter, UnaryOperator<String> pageLinks,
                            int maxHeldChars) {
        this(planBase, proxyBase, filter, pageLinks, BundlePaging.onPlanBaseOnly(), maxHeldChars);
    }

    /**
     * @param filter       which entries reach the app
     * @param pageLinks    applied to every rewritten URL of the proxy's base itself ({@code {proxyBase}?...}),
     *                     i.e. page links, to add the caller's page grant
     * @param paging       what becomes of a Bundle's links that are not on the plan's base, and offset paging
     * @param maxHeldChars the most text one held entry, or a Bundle's links, may hold; more is a malformed answer
     */
    public FhirJsonRewriter(String planBase, String proxyBase, AnswerFilter filter, UnaryOperator<String> pageLinks,
                            BundlePaging paging, int maxHeldChars) {
        this.planBase = withoutTrailingSlashes(Objects.requireNonNull(planBase, "planBase"));
        this.proxyBase = withoutTrailingSlashes(Objects.requireNonNull(proxyBase, "proxyBase"));
        if (this.planBase.isEmpty()) {
            throw new IllegalArgumentException("planBase must not be empty");
        }
        this.planBaseChars = this.planBase.toCharArray();
        this.proxyBaseChars = this.proxyBase.toCharArray();
        this.filter = Objects.requireNonNull(filter, "filter");
        this.pageLinks = Objects.requireNonNull(pageLinks, "pageLinks");
        this.paging = Objects.requireNonNull(paging, "paging");
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
        TopLevel top = new TopLevel();
        while (next(in) == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            next(in);
            if (RESOURCE_TYPE.equals(field)) {
                top.type = resourceTypeOnce(in, top.type);
                out.writeFieldName(RESOURCE_TYPE);
                out.writeString(top.type);
                copyHeldBeforeType(top, out);
            } else if (ENTRY.equals(field) && top.type == null) {
                top.entriesBeforeType = holdEntries(in, top.entriesBeforeType);
            } else if (LINK.equals(field) && (top.type == null || BUNDLE.equals(top.type))) {
                top.links = holdLinks(in, top.links);
            } else if (ENTRY.equals(field) && BUNDLE.equals(top.type)) {
                out.writeFieldName(ENTRY);
                top.matches += copyBundleEntries(in, out);
            } else {
                top.note(field, in);
                out.writeFieldName(field);
                copyValue(in, out);
            }
        }
        if (top.type == null) {
            throw new MalformedAnswerException("it has no resourceType");
        }
        if (BUNDLE.equals(top.type)) {
            writeBundleLinks(top, out);
        }
        out.writeEndObject();
    }

    /** What the end of the top-level resource needs: its type and, for a Bundle, its links and what paging asks. */
    private static final class TopLevel {
        private String type; // until the resourceType field has gone by
        private TokenBuffer entriesBeforeType;
        private TokenBuffer links;
        private String bundleType;
        private OptionalLong total = OptionalLong.empty();
        private int matches;

        /** Notes the Bundle's {@code type} and {@code total} as they go by; other fields are not looked at. */
        void note(String field, JsonParser in) throws IOException {
            if ("type".equals(field) && in.currentToken() == JsonToken.VALUE_STRING) {
                bundleType = in.getText();
            } else if ("total".equals(field) && in.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                total = OptionalLong.of(in.getLongValue());
            }
        }
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

    /**
     * Holds a top-level {@code link}: a Bundle's links are written after its entries (see the class comment), and
     * one that came before {@code resourceType} waits for the type like the entries do. Links are a few URLs; a
     * plan that sends more than {@code maxHeldChars} of them sends a malformed answer.
     */
    private TokenBuffer holdLinks(JsonParser in, TokenBuffer heldSoFar) throws IOException {
        if (heldSoFar != null) {
            throw new MalformedAnswerException("it has two link fields");
        }
        TokenBuffer held = new TokenBuffer(null, false);
        long chars = 0;
        int depth = 0;
        do {
            chars += in.getTextLength() + 1;
            if (chars > maxHeldChars) {
                throw new MalformedAnswerException("its Bundle.link is larger than the proxy holds (" + maxHeldChars
                    + " characters)");
            }
            JsonToken token = in.currentToken();
            depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            held.copyCurrentEvent(in);
        } while (depth > 0 && next(in) != null);
        return held;
    }

    /** What came before the resourceType, now that the type says what it is. */
    private void copyHeldBeforeType(TopLevel top, JsonGenerator out) throws IOException {
        if (top.entriesBeforeType != null) {
            JsonParser replay = top.entriesBeforeType.asParser();
            replay.nextToken();
            out.writeFieldName(ENTRY);
            if (BUNDLE.equals(top.type)) {
                top.matches += copyBundleEntries(replay, out);
            } else {
                copyValue(replay, out);
            }
            top.entriesBeforeType = null;
        }
        if (top.links != null && !BUNDLE.equals(top.type)) {
            // Not a Bundle's links (Patient.link names other patients): copied as any other field.
            JsonParser replay = top.links.asParser();
            replay.nextToken();
            out.writeFieldName(LINK);
            copyValue(replay, out);
            top.links = null;
        }
    }

    /**
     * Writes the Bundle's links after its entries: each as {@link #linkUrl} decides, then, with offset paging, the
     * {@code next} link of a searchset. No {@code link} field at all when none is left (FHIR arrays are never empty).
     */
    private void writeBundleLinks(TopLevel top, JsonGenerator out) throws IOException {
        List<TokenBuffer> kept = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        if (top.links != null) {
            JsonParser replay = top.links.asParser();
            if (replay.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedAnswerException("its Bundle.link is not an array");
            }
            while (replay.nextToken() != JsonToken.END_ARRAY) {
                TokenBuffer link = heldLink(replay);
                Optional<String> url = decidedUrl(link);
                if (url.isPresent()) {
                    kept.add(link);
                    urls.add(url.get());
                }
            }
        }
        Optional<String> next = SEARCHSET.equals(top.bundleType)
            ? paging.offset().flatMap(offset -> offset.next(top.matches, top.total)) : Optional.empty();
        if (kept.isEmpty() && next.isEmpty()) {
            return;
        }
        out.writeFieldName(LINK);
        out.writeStartArray();
        for (int i = 0; i < kept.size(); i++) {
            writeLink(kept.get(i), urls.get(i), out);
        }
        if (next.isPresent()) {
            out.writeStartObject();
            out.writeStringField(RELATION, "next");
            out.writeStringField(URL, next.get());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static TokenBuffer heldLink(JsonParser replay) throws IOException {
        if (replay.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedAnswerException("a Bundle link is not an object");
        }
        TokenBuffer link = new TokenBuffer(null, false);
        link.copyCurrentStructure(replay);
        return link;
    }

    /** The url the link reaches the app with ({@code ""} for a link without one); empty to leave the link out. */
    private Optional<String> decidedUrl(TokenBuffer link) throws IOException {
        String relation = null;
        String url = null;
        JsonParser fields = link.asParser();
        fields.nextToken();
        while (fields.nextToken() == JsonToken.FIELD_NAME) {
            String field = fields.currentName();
            JsonToken value = fields.nextToken();
            if (value == JsonToken.VALUE_STRING && RELATION.equals(field)) {
                relation = fields.getText();
            } else if (value == JsonToken.VALUE_STRING && URL.equals(field)) {
                url = fields.getText();
            }
            fields.skipChildren();
        }
        if ("next".equals(relation) && paging.mode() == PagingMode.OFFSET) {
            return Optional.empty(); // the plan's own next link is not usable; the proxy writes one
        }
        return url == null ? Optional.of("") : linkUrl(url);
    }

    /**
     * On the plan's base: moved onto the proxy's. Relative: kept, as the app resolves it against the proxy's base.
     * Anywhere else: the proxy's own page link when {@link BundlePaging#elsewhere} has one (a paging host), else
     * left out and reported, so an answer can never hand the app a plan URL to follow or make the proxy call one.
     */
    private Optional<String> linkUrl(String url) {
        if (isPlanUrl(url)) {
            return Optional.of(rewrite(url));
        }
        if (isRelative(url)) {
            return Optional.of(url);
        }
        Optional<String> page = paging.elsewhere().apply(url);
        if (page.isEmpty()) {
            paging.leftOut().accept(PlanHosts.originOf(url));
        }
        return page;
    }

    /**
     * Relative to the FHIR base: {@code ExplanationOfBenefit?page=2}. Not {@code //host/}, not {@code javascript:},
     * and not {@code /realms/...}: a path from the root would lead the app, with its Keycloak token, anywhere on this
     * server.
     */
    private static boolean isRelative(String url) {
        int end = url.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = url.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return !url.startsWith("/") && !url.startsWith("\\") && url.substring(0, end).indexOf(':') < 0;
    }

    /** Writes one held link with its url replaced by the decided one (a link without url is written as it came). */
    private void writeLink(TokenBuffer link, String url, JsonGenerator out) throws IOException {
        JsonParser fields = link.asParser();
        fields.nextToken();
        out.writeStartObject();
        while (fields.nextToken() == JsonToken.FIELD_NAME) {
            String field = fields.currentName();
            JsonToken value = fields.nextToken();
            out.writeFieldName(field);
            if (URL.equals(field) && value == JsonToken.VALUE_STRING) {
                out.writeString(url);
            } else {
                copyValue(fields, out);
            }
        }
        out.writeEndObject();
    }

    /** Copies the Bundle's entries, leaving out what the filter withholds; returns how many matched the search. */
    private int copyBundleEntries(JsonParser in, JsonGenerator out) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedAnswerException("its Bundle.entry is not an array");
        }
        int matches = 0;
        out.writeStartArray();
        while (next(in) != JsonToken.END_ARRAY) {
            if (in.currentToken() != JsonToken.START_OBJECT) {
                throw new MalformedAnswerException("a Bundle entry is not an object");
            }
            matches += copyEntry(in, out) ? 1 : 0;
        }
        out.writeEndArray();
        return matches;
    }

    /**
     * Copies one Bundle entry, or leaves it out when its resource is of a type the caller may not read. What
     * comes before the resource's type (usually just {@code fullUrl}) is held back until the type is known;
     * from there the entry streams straight through, so at most one entry is ever held.
     *
     * @return whether the entry matched the search ({@code search.mode} absent or {@code match}), left out or not:
     *         the plan counted it in its page, and offset paging must count the same
     */
    private boolean copyEntry(JsonParser in, JsonGenerator out) throws IOException {
        HeldEntry entry = new HeldEntry(out);
        entry.sink().writeStartObject();
        NotedValues mode = new NotedValues(MODE);
        while (next(in) == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = next(in);
            entry.sink().writeFieldName(field);
            if (RESOURCE.equals(field) && value == JsonToken.START_OBJECT) {
                if (!copyEntryResource(in, entry)) {
                    skipRestOfEntry(in, mode);
                    entry.discard();
                    removedEntries++;
                    return mode.isMatch();
                }
            } else {
                copyValue(in, entry.sink(), SEARCH.equals(field) ? mode : null, entry);
            }
        }
        // No resource at all (only request, response or search): nothing to withhold.
        entry.release();
        out.writeEndObject();
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
                        mode.values.add(in.getText());
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
        NotedValues facts = new NotedValues(REFERENCE); // until the type says whether the content matters
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
            if (!filter.mayReturn(type, id, facts.values)) {
                return false;
            }
            entry.release();
        }
        return true;
    }

    /**
     * The string values of one field name noted while a value is copied: every {@code reference} of an inspected
     * resource (whom it concerns), or the {@code mode} of an entry's {@code search}.
     */
    private static final class NotedValues {
        private final String field;
        private final Set<String> values = new HashSet<>();

        NotedValues(String field) {
            this.field = field;
        }

        /** For a {@code search.mode}: the entry matched, or says nothing (a plan that marks no modes). */
        boolean isMatch() {
            return values.isEmpty() || values.contains("match");
        }
    }

    /** Copies the value under the parser's current token, however deeply nested, rewriting plan URLs. */
    private void copyValue(JsonParser in, JsonGenerator out) throws IOException {
        copyValue(in, out, null, null);
    }

    /**
     * As above; while an entry is held, its size counts against {@code maxHeldChars}, and with {@code facts}
     * every string of its field name is noted.
     */
    private void copyValue(JsonParser in, JsonGenerator out, NotedValues facts, HeldEntry held) throws IOException {
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
                    if (facts != null && facts.field.equals(field)) {
                        facts.values.add(in.getText());
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
