package dev.payeraccess.proxy.answer;

import static dev.payeraccess.proxy.answer.TokenCopier.next;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.plan.PlanHosts;
import dev.payeraccess.proxy.paging.BundlePaging;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Bundle's {@code link} array: held while the entries go by (a few URLs, within {@code maxHeldChars}), then
 * written after them as {@link BundlePaging} says. Links on the plan's base are moved like any URL, links to its
 * paging hosts become the proxy's own page links, links anywhere else are left out, and with offset paging the
 * proxy writes the {@code next} link of a searchset itself, which needs the page's entries counted first.
 *
 * <p>FHIR allows writing them last: "The order of properties of an object is not significant in the JSON
 * representation, though order within an array SHALL be maintained" (FHIR R4, JSON Representation of Resources,
 * https://hl7.org/fhir/R4/json.html); the links keep their order among themselves.
 */
final class BundleLinks {

    private static final String URL = "url";
    private static final String RELATION = "relation";

    private final PlanBaseUrls urls;
    private final TokenCopier copier;
    private final BundlePaging paging;

    BundleLinks(PlanBaseUrls urls, TokenCopier copier, BundlePaging paging) {
        this.urls = urls;
        this.copier = copier;
        this.paging = paging;
    }

    /** Holds a top-level {@code link}; a plan that sends more than {@code maxHeldChars} of it is malformed. */
    TokenBuffer hold(JsonParser in, TokenBuffer heldSoFar) throws IOException {
        if (heldSoFar != null) {
            throw new MalformedAnswerException("it has two link fields");
        }
        TokenBuffer held = new TokenBuffer(null, false);
        long chars = 0;
        int depth = 0;
        do {
            chars += in.getTextLength() + 1;
            if (chars > copier.maxHeldChars()) {
                throw new MalformedAnswerException("its Bundle.link is larger than the proxy holds ("
                    + copier.maxHeldChars() + " characters)");
            }
            JsonToken token = in.currentToken();
            depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            held.copyCurrentEvent(in);
        } while (depth > 0 && next(in) != null);
        return held;
    }

    /**
     * Writes the held links, each as {@link #linkUrl} decides, then, for a searchset with offset paging, the
     * {@code next} link. No {@code link} field at all when none is left (FHIR arrays are never empty).
     *
     * @param matches the page's entries that matched the search; {@code total} the Bundle's, when it has one
     */
    void write(Optional<TokenBuffer> held, boolean searchset, int matches, OptionalLong total, JsonGenerator out)
        throws IOException {
        List<TokenBuffer> kept = new ArrayList<>();
        List<String> keptUrls = new ArrayList<>();
        if (held.isPresent()) {
            JsonParser replay = held.get().asParser();
            if (replay.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedAnswerException("its Bundle.link is not an array");
            }
            while (replay.nextToken() != JsonToken.END_ARRAY) {
                TokenBuffer link = heldLink(replay);
                Optional<String> url = decidedUrl(link);
                if (url.isPresent()) {
                    kept.add(link);
                    keptUrls.add(url.get());
                }
            }
        }
        Optional<String> next = searchset
            ? paging.offset().flatMap(offset -> offset.next(matches, total)) : Optional.empty();
        if (kept.isEmpty() && next.isEmpty()) {
            return;
        }
        out.writeFieldName("link");
        out.writeStartArray();
        for (int i = 0; i < kept.size(); i++) {
            writeLink(kept.get(i), keptUrls.get(i), out);
        }
        if (next.isPresent()) {
            out.writeStartObject();
            out.writeStringField(RELATION, "next");
            out.writeStringField(URL, next.get());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /**
     * The {@code url} of the first link with relation {@code next} in the {@code link} array the parser is on, as the
     * plan wrote it; the parser is left at the array's end. Only strings are kept, each bounded by the parser.
     */
    static Optional<String> nextUrl(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedAnswerException("its Bundle.link is not an array");
        }
        Optional<String> next = Optional.empty();
        while (next(in) != JsonToken.END_ARRAY) {
            if (in.currentToken() != JsonToken.START_OBJECT) {
                throw new MalformedAnswerException("a Bundle link is not an object");
            }
            String relation = null;
            String url = null;
            while (next(in) == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = next(in);
                if (value == JsonToken.VALUE_STRING && RELATION.equals(field)) {
                    relation = in.getText();
                } else if (value == JsonToken.VALUE_STRING && URL.equals(field)) {
                    url = in.getText();
                }
                in.skipChildren();
            }
            if (next.isEmpty() && "next".equals(relation) && url != null) {
                next = Optional.of(url);
            }
        }
        return next;
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
        if ((urls.isPlanUrl(url) || isRelative(url)) && hasDotSegment(url)) {
            // {base}/../x or ExplanationOfBenefit/%2e%2e/x would lead the app out of the plan's FHIR base once moved
            // onto the proxy's, or resolved against it: no plan has a reason to send one. (Other hosts' URLs with dot
            // segments are refused and reported below: PlanHosts never accepts one.)
            return Optional.empty();
        }
        if (urls.isPlanUrl(url)) {
            String moved = urls.moved(url);
            return Optional.of(urls.isBasePage(url) ? moved : paging.searchLinks().apply(moved));
        }
        if (isRelative(url)) {
            return Optional.of(paging.searchLinks().apply(url));
        }
        Optional<String> page = paging.elsewhere().apply(url);
        if (page.isEmpty()) {
            paging.leftOut().accept(PlanHosts.originOf(url));
        }
        return page;
    }

    /** A {@code .} or {@code ..} segment in the path, raw or percent-encoded ({@code %2e}, {@code .%2E}, ...). */
    static boolean hasDotSegment(String url) {
        int end = url.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = url.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        for (String segment : url.substring(0, end).split("/", -1)) {
            String decoded = segment.replace("%2e", ".").replace("%2E", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
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
                copier.copyValue(fields, out);
            }
        }
        out.writeEndObject();
    }
}
