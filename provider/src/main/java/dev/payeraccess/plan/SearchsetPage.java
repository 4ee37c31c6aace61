package dev.payeraccess.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one page of a plan's search answer says about paging: how many entries it holds, the {@code Bundle.total}
 * the plan stated, and its {@code next} link. Nothing of the entries themselves is kept, and a {@code next} link
 * longer than {@link #MAX_LINK_CHARS} is not one (a plan's answer is untrusted).
 *
 * @param next the {@code next} link as the plan wrote it: a URL of the plan, which may name the member in its query
 */
public record SearchsetPage(int entries, OptionalInt total, Optional<String> next) {

    /** Longer than any URL a server or browser takes (8 KB is the usual cap of a request line). */
    static final int MAX_LINK_CHARS = 8 * 1024;

    /**
     * @throws IllegalArgumentException when {@code bundle} is not a FHIR Bundle
     */
    public static SearchsetPage parse(JsonNode bundle) {
        if (bundle == null || !"Bundle".equals(bundle.path("resourceType").asText())) {
            throw new IllegalArgumentException("the answer is not a FHIR Bundle");
        }
        JsonNode total = bundle.get("total");
        return new SearchsetPage(bundle.path("entry").size(),
            total != null && total.canConvertToInt() ? OptionalInt.of(total.asInt()) : OptionalInt.empty(),
            next(bundle));
    }

    private static Optional<String> next(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            String url = link.path("url").isTextual() ? link.path("url").asText() : "";
            if ("next".equals(link.path("relation").asText()) && !url.isBlank() && url.length() <= MAX_LINK_CHARS) {
                return Optional.of(url);
            }
        }
        return Optional.empty();
    }
}
