package dev.payeraccess.proxy.answer;

import dev.payeraccess.proxy.request.ProxyRequest;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The app's conditional read (RFC 9110, 13.1.2 and 13.1.3) answered by the proxy, for a read whose resource it
 * looked at before passing it on: the plan was asked unconditionally, so its answer is compared here with the
 * {@code ETag} and {@code Last-Modified} it sent. An app revalidating the member's own resources still gets its 304.
 */
final class ConditionalRead {

    private ConditionalRead() {
    }

    /**
     * Whether the app's copy is current: its If-None-Match names the plan's {@code etag}, or, without one, the plan's
     * {@code lastModified} is not after its If-Modified-Since.
     */
    static boolean unchanged(ProxyRequest request, Optional<String> etag, Optional<String> lastModified) {
        Optional<String> ifNoneMatch = header(request.forwardedHeaders(), "If-None-Match");
        if (ifNoneMatch.isPresent()) {
            return etag.map(current -> matches(ifNoneMatch.get(), current)).orElse(false);
        }
        Optional<ZonedDateTime> since = header(request.forwardedHeaders(), "If-Modified-Since").flatMap(
            ConditionalRead::date);
        Optional<ZonedDateTime> modified = lastModified.flatMap(ConditionalRead::date);
        return since.isPresent() && modified.isPresent() && !modified.get().isAfter(since.get());
    }

    /** Weak comparison: {@code W/"1"} matches {@code "1"}; {@code *} matches any. */
    private static boolean matches(String ifNoneMatch, String etag) {
        String current = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || opaque(c).equals(current)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String etag) {
        String e = etag.trim();
        return e.startsWith("W/") ? e.substring(2) : e;
    }

    private static Optional<ZonedDateTime> date(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().toLowerCase(Locale.ROOT)
            .equals(name.toLowerCase(Locale.ROOT))).map(Map.Entry::getValue).findFirst();
    }
}
