package dev.payeraccess.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one page of a plan's search answer says about paging: how many entries it holds, the {@code Bundle.total}
 * the plan stated, and its {@code next} link. Nothing of the entries themselves is kept.
 *
 * @param next the {@code next} link as the plan wrote it: a URL of the plan, which may name the member in its query
 */
public record SearchsetPage(int entries, OptionalInt total, Optional<String> next) {

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
            if ("next".equals(link.path("relation").asText()) && !link.path("url").asText().isBlank()) {
                return Optional.of(link.path("url").asText());
            }
        }
        return Optional.empty();
    }
}
