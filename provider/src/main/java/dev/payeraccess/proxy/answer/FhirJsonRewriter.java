package dev.payeraccess.proxy.answer;

import static dev.payeraccess.proxy.answer.TokenCopier.next;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.payeraccess.proxy.paging.BundlePaging;
import dev.payeraccess.proxy.policy.AnswerFilter;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Copies a plan's FHIR JSON answer to the app as it streams, so a 100 MB searchset never sits in memory. Every
 * token is read and checked; what needs no change passes as the plan's own bytes.
 *
 * <p>It reads the top level of the resource and hands each part to the class that knows it: every value to the
 * {@link TokenCopier}, which moves URLs on the plan's FHIR base onto the proxy's ({@link PlanBaseUrls}) and passes an
 * object or array of an answer a {@link PassingParser} reads as its bytes ({@link RawValues}); a
 * Bundle's {@code entry} to the {@link EntryFilter}, which leaves out what the {@link AnswerFilter} withholds; a
 * Bundle's {@code link} to {@link BundleLinks}, which holds it and writes it after the entries. What came before
 * {@code resourceType} (rare: servers put it first) waits until the type says what it is.
 *
 * <p>One instance serves one response: {@link #removedEntries()} reports on the last {@link #copy} and the
 * instance keeps a scratch buffer, so it is not thread-safe.
 */
public final class FhirJsonRewriter {

    /** What one held entry may hold by default: far above any real claim, far below a memory problem. */
    public static final int DEFAULT_MAX_HELD_CHARS = 4 * 1024 * 1024;

    private static final String RESOURCE_TYPE = "resourceType";
    private static final String BUNDLE = "Bundle";
    private static final String ENTRY = "entry";
    private static final String LINK = "link";

    private final PlanBaseUrls urls;
    private final TokenCopier copier;
    private final AnswerFilter filter;
    private final BundlePaging paging;
    private EntryFilter entries;

    /**
     * @param planBase     the plan's FHIR base URL, e.g. {@code https://fhir.plan.example/r4}
     * @param proxyBase    the base the app calls instead, e.g.
     *                     {@code https://kc.example/realms/r1/payer-access/fhir/acme}
     * @param readableType whether the caller may read resources of a FHIR type, e.g. {@code "Observation"}
     */
    public FhirJsonRewriter(String planBase, String proxyBase, Predicate<String> readableType) {
        this(planBase, proxyBase, AnswerFilter.byTypeOnly(readableType),
            BundlePaging.onPlanBaseOnly(UnaryOperator.identity()), DEFAULT_MAX_HELD_CHARS);
    }

    /**
     * @param filter       which entries reach the app
     * @param paging       the caller's page grants, what becomes of a Bundle's links that are not on the plan's
     *                     base, and offset paging
     * @param maxHeldChars the most text one held entry, or a Bundle's links, may hold; more is a malformed answer
     */
    public FhirJsonRewriter(String planBase, String proxyBase, AnswerFilter filter, BundlePaging paging,
                            int maxHeldChars) {
        this.paging = Objects.requireNonNull(paging, "paging");
        this.urls = new PlanBaseUrls(planBase, proxyBase, paging.pageLinks());
        this.copier = new TokenCopier(urls, maxHeldChars);
        this.filter = Objects.requireNonNull(filter, "filter");
        this.entries = new EntryFilter(filter, copier);
    }

    /**
     * Copies one FHIR JSON document from {@code answer} to {@code out}, rewriting plan URLs and leaving out
     * Bundle entries the caller may not read. Neither stream is flushed or closed.
     *
     * @param answer positioned before the document ({@code currentToken() == null}) or on its opening brace,
     *            which lets the proxy peek at the first token before it commits to a status
     * @param out receives the document as compact JSON
     * @throws MalformedAnswerException when the answer is not one JSON object with a string
     *                                  {@code resourceType}, or an object of it names a key twice; the message never
     *                                  quotes the document
     * @throws IOException              when either side fails mid-stream
     */
    public void copy(JsonParser answer, JsonGenerator out) throws IOException {
        entries = new EntryFilter(filter, copier);
        JsonParser in = UniqueNames.around(answer);
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

    /**
     * What one plan page gave to a Bundle the proxy writes itself ({@link #copyEntries}).
     *
     * @param written the entries copied to the app (those the filter let through)
     * @param next the plan's own {@code next} link, as the plan wrote it (not moved onto the proxy's base)
     */
    public record CopiedEntries(int written, Optional<String> next) {
    }

    /**
     * Copies only the entries of a plan's searchset page into an entry array {@code out} has open, each as
     * {@link #copy} would (plan URLs moved, what the filter withholds left out), and reads the page's {@code next}
     * link; everything else of the plan's Bundle (its id, total, other links) is read past. For a Bundle the proxy
     * writes itself out of several plan pages ({@code Patient/[id]/$everything} emulated by searches).
     *
     * @throws MalformedAnswerException when the answer is not a JSON Bundle; the message never quotes it
     */
    public CopiedEntries copyEntries(JsonParser answer, JsonGenerator out) throws IOException {
        entries = new EntryFilter(filter, copier);
        JsonParser in = UniqueNames.around(answer);
        try {
            JsonToken first = in.currentToken() != null ? in.currentToken() : in.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedAnswerException("it is not a JSON object");
            }
            String type = null;
            TokenBuffer entriesBeforeType = null;
            Optional<String> next = Optional.empty();
            while (next(in) == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                next(in);
                if (RESOURCE_TYPE.equals(field)) {
                    type = resourceTypeOnce(in, type);
                    if (!BUNDLE.equals(type)) {
                        throw new MalformedAnswerException("it is not a Bundle");
                    }
                } else if (ENTRY.equals(field) && type == null) {
                    entriesBeforeType = holdEntries(in, entriesBeforeType);
                } else if (ENTRY.equals(field)) {
                    entries.copyEntryItems(in, out);
                } else if (LINK.equals(field)) {
                    next = BundleLinks.nextUrl(in);
                } else {
                    in.skipChildren();
                }
            }
            if (type == null) {
                throw new MalformedAnswerException("it has no resourceType");
            }
            if (entriesBeforeType != null) {
                JsonParser replay = entriesBeforeType.asParser();
                replay.nextToken();
                entries.copyEntryItems(replay, out);
            }
            return new CopiedEntries(entries.writtenEntries(), next);
        } catch (StreamReadException e) {
            throw new MalformedAnswerException("it is not valid JSON" + where(e.getLocation()));
        } catch (StreamConstraintsException e) {
            throw new MalformedAnswerException("it exceeds the JSON parser's limits");
        }
    }

    /** How many Bundle entries the last {@link #copy} left out because the caller may not read them. */
    public int removedEntries() {
        return entries.removedEntries();
    }

    /**
     * Moves a URL on the plan's base onto the proxy's base; anything else comes back unchanged. Also meant for
     * single header values such as {@code Location} and {@code Content-Location}.
     */
    public String rewrite(String value) {
        return urls.moved(value);
    }

    private void copyResource(JsonParser in, JsonGenerator out) throws IOException {
        out.writeStartObject();
        TopLevel top = new TopLevel(new BundleLinks(urls, copier, paging));
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
                top.links = top.bundleLinks.hold(in, top.links);
            } else if (ENTRY.equals(field) && BUNDLE.equals(top.type)) {
                out.writeFieldName(ENTRY);
                top.matches += entries.copyEntries(in, out);
            } else if ("total".equals(field) && BUNDLE.equals(top.type) && filter.narrowsMatches()) {
                top.note(field, in); // still bounds offset paging: the plan's matches, before the proxy's filter
                in.skipChildren();
            } else {
                top.note(field, in);
                out.writeFieldName(field);
                copier.copyValue(in, out);
            }
        }
        if (top.type == null) {
            throw new MalformedAnswerException("it has no resourceType");
        }
        if (BUNDLE.equals(top.type)) {
            top.bundleLinks.write(Optional.ofNullable(top.links), "searchset".equals(top.bundleType), top.matches,
                top.total, out);
        }
        out.writeEndObject();
    }

    /** What the end of the top-level resource needs: its type and, for a Bundle, its links and what paging asks. */
    private static final class TopLevel {
        private final BundleLinks bundleLinks;
        private String type; // until the resourceType field has gone by
        private TokenBuffer entriesBeforeType;
        private TokenBuffer links;
        private String bundleType;
        private OptionalLong total = OptionalLong.empty();
        private int matches;

        TopLevel(BundleLinks bundleLinks) {
            this.bundleLinks = bundleLinks;
        }

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

    /** What came before the resourceType, now that the type says what it is. */
    private void copyHeldBeforeType(TopLevel top, JsonGenerator out) throws IOException {
        if (top.entriesBeforeType != null) {
            JsonParser replay = top.entriesBeforeType.asParser();
            replay.nextToken();
            out.writeFieldName(ENTRY);
            if (BUNDLE.equals(top.type)) {
                top.matches += entries.copyEntries(replay, out);
            } else {
                copier.copyValue(replay, out);
            }
            top.entriesBeforeType = null;
        }
        if (top.links != null && !BUNDLE.equals(top.type)) {
            // Not a Bundle's links (Patient.link names other patients): copied as any other field.
            JsonParser replay = top.links.asParser();
            replay.nextToken();
            out.writeFieldName(LINK);
            copier.copyValue(replay, out);
            top.links = null;
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
