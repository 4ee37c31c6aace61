package dev.payeraccess.proxy.allplans;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The order merged pages keep when the app sorts by a date every plan supports: {@code created} (the date a claim or
 * coverage was written), CARIN Blue Button's {@code service-date} ({@code ExplanationOfBenefit.billablePeriod} or,
 * without one, the first item's {@code serviced[x]}) or {@code _lastUpdated}; ascending, or descending with a
 * leading {@code -}. A date is compared by the instant it starts (a date or month without a zone at UTC); an entry
 * without the date sorts after every entry with one, whichever the direction.
 *
 * @param parameter the search parameter as the app wrote it, without the {@code -}
 */
record SortOrder(String parameter, boolean descending) {

    static final List<String> SUPPORTED = List.of("created", "service-date", "_lastUpdated");

    /**
     * The order {@code _sort} asks for: empty when the app did not sort.
     *
     * @throws IllegalArgumentException for a sort the merge cannot keep across plans (the message says which it keeps)
     */
    static Optional<SortOrder> of(Optional<String> sort) {
        if (sort.isEmpty() || sort.get().isBlank()) {
            return Optional.empty();
        }
        String value = sort.get().trim();
        boolean descending = value.startsWith("-");
        String parameter = descending ? value.substring(1) : value;
        if (!SUPPORTED.contains(parameter)) {
            throw new IllegalArgumentException("fhir/_all merges the plans' pages in the order of one date: _sort="
                + String.join(", ", SUPPORTED) + " (descending with a leading -). Sort by one of these, or leave "
                + "_sort out to get the entries as the plans answer them.");
        }
        return Optional.of(new SortOrder(parameter, descending));
    }

    /** {@code _sort}'s value as sent to each plan. */
    String value() {
        return (descending ? "-" : "") + parameter;
    }

    /** The order of two entries ({@code entry.resource} is looked at); entries without the date come last. */
    Comparator<JsonNode> entries() {
        return (a, b) -> {
            OptionalLong x = key(a.path("resource"));
            OptionalLong y = key(b.path("resource"));
            if (x.isEmpty() || y.isEmpty()) {
                return Boolean.compare(x.isEmpty(), y.isEmpty());
            }
            int ascending = Long.compare(x.getAsLong(), y.getAsLong());
            return descending ? -ascending : ascending;
        };
    }

    /** The instant (epoch milliseconds) the resource's date starts. */
    OptionalLong key(JsonNode resource) {
        return switch (parameter) {
            case "created" -> instant(resource.path("created"));
            case "_lastUpdated" -> instant(resource.path("meta").path("lastUpdated"));
            default -> serviceDate(resource);
        };
    }

    private static OptionalLong serviceDate(JsonNode resource) {
        OptionalLong billable = instant(resource.path("billablePeriod").path("start"));
        if (billable.isPresent()) {
            return billable;
        }
        JsonNode item = resource.path("item").path(0);
        OptionalLong date = instant(item.path("servicedDate"));
        return date.isPresent() ? date : instant(item.path("servicedPeriod").path("start"));
    }

    /** A FHIR date, dateTime or instant: {@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD} or with a time and zone. */
    static OptionalLong instant(JsonNode value) {
        if (!value.isTextual()) {
            return OptionalLong.empty();
        }
        String text = value.asText();
        try {
            ZonedDateTime start = switch (text.length()) {
                case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1).atStartOfDay(ZoneOffset.UTC);
                case 7 -> YearMonth.parse(text).atDay(1).atStartOfDay(ZoneOffset.UTC);
                case 10 -> LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC);
                default -> OffsetDateTime.parse(text).toZonedDateTime();
            };
            return OptionalLong.of(start.toInstant().toEpochMilli());
        } catch (DateTimeParseException | NumberFormatException e) {
            return OptionalLong.empty(); // a date the plan wrote badly sorts as one it did not write
        }
    }
}
