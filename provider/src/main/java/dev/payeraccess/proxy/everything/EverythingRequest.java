package dev.payeraccess.proxy.everything;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.SearchParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Patient/[id]/$everything} as the app asked it, its parameters checked (FHIR R4, Patient-everything):
 * {@code start} and {@code end} (care dates), {@code _since} (changed since), {@code _type} (which types),
 * {@code _count} (page size), and, on a page after the first, the proxy's own cursor. Anything else is refused with
 * 400 before the plan is called: the proxy forwards only what it understands.
 *
 * @param patientId the {@code [id]} of the path
 * @param start a FHIR date or dateTime
 * @param types the types asked for, in the app's order; empty for every type
 * @param cursor the proxy's cursor of a later page ({@link EverythingCursors})
 * @param asSent the parameters but the cursor, in the app's order: repeated on the next link, covered by its grant
 */
public record EverythingRequest(String patientId, Optional<String> start, Optional<String> end,
                                Optional<String> since, Optional<List<String>> types, Optional<String> count,
                                Optional<String> cursor, List<SearchParameter> asSent) {

    /** The query parameter of a later page: where the emulation is, signed. */
    public static final String CURSOR = "payer-access-everything";
    /** FHIR's date, dateTime and instant, e.g. {@code 2024}, {@code 2024-03-01}, {@code 2024-03-01T10:00:00Z}. */
    private static final Pattern FHIR_DATE = Pattern.compile(
        "[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?"
            + "(Z|[+-][0-9]{2}:[0-9]{2}))?)?)?");
    private static final Pattern COUNT = Pattern.compile("[1-9][0-9]{0,3}");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");
    private static final Set<String> KNOWN = Set.of("start", "end", "_since", "_type", "_count", CURSOR);

    public EverythingRequest {
        types = types.map(List::copyOf);
        asSent = List.copyOf(asSent);
    }

    /**
     * @param asked a parsed {@link Interaction#EVERYTHING} request
     * @param resourceTypes every FHIR R4 resource type name
     * @throws FhirProblemException 400 for a parameter the operation does not take, one named twice, a date that is
     *     not a FHIR date, a {@code _type} that names no R4 type, a {@code _count} outside 1 to 9999
     */
    public static EverythingRequest of(FhirRequest asked, Set<String> resourceTypes) throws FhirProblemException {
        Set<String> named = new HashSet<>();
        List<SearchParameter> asSent = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        for (SearchParameter p : asked.parameters()) {
            if (!KNOWN.contains(p.name())) {
                throw badRequest("Patient/[id]/$everything takes start, end, _since, _type and _count; "
                    + abbreviate(p.name()) + " is not forwarded.");
            }
            if (!named.add(p.name())) {
                throw badRequest("Patient/[id]/$everything names " + p.name() + " more than once.");
            }
            if (p.name().equals(CURSOR)) {
                cursor = Optional.of(p.value());
            } else {
                asSent.add(p);
            }
        }
        return new EverythingRequest(asked.id().orElseThrow(), date(asSent, "start"), date(asSent, "end"),
            date(asSent, "_since"), types(asSent, resourceTypes), value(asSent, "_count"),
            cursor, asSent);
    }

    /** The parameters as sent, for a link: {@code name=value&...}, encoded. */
    public String query() {
        return String.join("&", asSent.stream().map(SearchParameter::encoded).toList());
    }

    private static Optional<String> date(List<SearchParameter> parameters, String name) throws FhirProblemException {
        Optional<String> value = value(parameters, name);
        if (value.isPresent() && !FHIR_DATE.matcher(value.get()).matches()) {
            throw badRequest("Parameter " + name + " takes a FHIR date or dateTime, such as 2024-01-31 or "
                + "2024-01-31T08:00:00Z.");
        }
        return value;
    }

    private static Optional<List<String>> types(List<SearchParameter> parameters, Set<String> resourceTypes)
        throws FhirProblemException {
        Optional<String> value = value(parameters, "_type");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : value.get().split(",", -1)) {
            String t = type.trim();
            if (!TYPE.matcher(t).matches() || !resourceTypes.contains(t)) {
                throw badRequest("_type takes FHIR R4 resource types separated by commas; '" + abbreviate(t)
                    + "' is not one.");
            }
            types.add(t);
        }
        return Optional.of(List.copyOf(types));
    }

    private static Optional<String> value(List<SearchParameter> parameters, String name) throws FhirProblemException {
        Optional<String> value = parameters.stream().filter(p -> p.name().equals(name)).map(SearchParameter::value)
            .findFirst();
        if (name.equals("_count") && value.isPresent() && !COUNT.matcher(value.get()).matches()) {
            throw badRequest("_count takes a number of entries per page from 1 to 9999.");
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static FhirProblemException badRequest(String diagnostics) {
        return FhirProblem.badRequest(diagnostics).exception();
    }
}
