package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Moves URLs on the plan's FHIR base onto the proxy's, so {@code fullUrl}s, absolute references and paging links
 * lead the app back through the proxy. A page link ({@code {planBase}?...}) also gets the caller's grant.
 *
 * <p>Not thread-safe: one instance serves one answer and keeps a scratch buffer.
 */
final class PlanBaseUrls {

    private final String planBase;
    private final String proxyBase;
    private final char[] planBaseChars;
    private final char[] proxyBaseChars;
    private final UnaryOperator<String> pageLinks;
    private char[] scratch = new char[256];

    PlanBaseUrls(String planBase, String proxyBase, UnaryOperator<String> pageLinks) {
        this.planBase = withoutTrailingSlashes(Objects.requireNonNull(planBase, "planBase"));
        this.proxyBase = withoutTrailingSlashes(Objects.requireNonNull(proxyBase, "proxyBase"));
        if (this.planBase.isEmpty()) {
            throw new IllegalArgumentException("planBase must not be empty");
        }
        this.planBaseChars = this.planBase.toCharArray();
        this.proxyBaseChars = this.proxyBase.toCharArray();
        this.pageLinks = Objects.requireNonNull(pageLinks, "pageLinks");
    }

    /** The plan's FHIR base, without trailing slashes. */
    String planBase() {
        return planBase;
    }

    /** A URL on the plan's base moved onto the proxy's; anything else comes back unchanged. */
    String moved(String value) {
        if (!isPlanUrl(value)) {
            return value;
        }
        String moved = proxyBase + value.substring(planBase.length());
        boolean page = value.length() > planBase.length() && value.charAt(planBase.length()) == '?';
        return page ? pageLinks.apply(moved) : moved;
    }

    /** A page link on the plan's base itself ({@code {base}?_getpages=...}), which {@link #moved} grants. */
    boolean isBasePage(String planUrl) {
        return isPlanUrl(planUrl) && planUrl.length() > planBase.length() && planUrl.charAt(planBase.length()) == '?';
    }

    /** The base itself, or the base followed by a path or a query; {@code …/r4x} is another base. */
    boolean isPlanUrl(String value) {
        int n = planBase.length();
        return value.startsWith(planBase) && (value.length() == n || isPathOrQueryStart(value.charAt(n)));
    }

    /** Writes the parser's current string, moved when it is a plan URL, without making a String of most values. */
    void copyString(JsonParser in, JsonGenerator out) throws IOException {
        if (!in.hasTextCharacters()) {
            // A replayed TokenBuffer: it holds Strings, and asking it for characters would copy them.
            out.writeString(moved(in.getText()));
            return;
        }
        char[] chars = in.getTextCharacters();
        int offset = in.getTextOffset();
        int length = in.getTextLength();
        if (!isPlanUrl(chars, offset, length)) {
            out.writeString(chars, offset, length);
        } else if (length > planBaseChars.length && chars[offset + planBaseChars.length] == '?') {
            out.writeString(moved(new String(chars, offset, length))); // a page link: rare, and signed
        } else {
            writeMoved(chars, offset, length, out);
        }
    }

    private void writeMoved(char[] chars, int offset, int length, JsonGenerator out) throws IOException {
        int rest = length - planBaseChars.length;
        int total = proxyBaseChars.length + rest;
        if (scratch.length < total) {
            scratch = new char[Math.max(total, scratch.length * 2)];
        }
        System.arraycopy(proxyBaseChars, 0, scratch, 0, proxyBaseChars.length);
        System.arraycopy(chars, offset + planBaseChars.length, scratch, proxyBaseChars.length, rest);
        out.writeString(scratch, 0, total);
    }

    /** Same test as {@link #isPlanUrl(String)} on the parser's buffer. */
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

    private static String withoutTrailingSlashes(String base) {
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == '/') {
            end--;
        }
        return base.substring(0, end);
    }
}
