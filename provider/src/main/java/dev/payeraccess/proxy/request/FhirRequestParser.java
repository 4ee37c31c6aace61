package dev.payeraccess.proxy.request;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the raw (still percent-encoded) path after {@code fhir/{alias}/} and the raw query into a
 * {@link FhirRequest}, or refuses it with 400 before anything reaches the plan.
 *
 * <p>Refused: encoded slashes or backslashes and dot segments (they could walk out of the plan's base),
 * unknown resource types, malformed ids, FHIR operations but {@code Patient/[id]/$everything} and history other
 * than vread, formats other than JSON, and absolute URLs in parameter values (see {@link #checkValue}). Keycloak
 * already refuses raw {@code ..}, {@code %2e%2e} and {@code //} with its own 400 before this code runs.
 */
public final class FhirRequestParser {

    /** FHIR's id datatype. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2[fF]|5[cC]|2[eE]|00)");
    /** Parameters that legitimately carry absolute canonical URLs, which the plan compares but never fetches. */
    private static final Set<String> CANONICAL_PARAMETERS = Set.of("_profile", "_source", "url", "profile");
    /** What a base-level page request may carry: HAPI's paging parameters, the grant, nothing that searches. */
    private static final Set<String> PAGING_PARAMETERS = Stream.concat(PageParameters.HAPI_PAGING.stream(),
        Stream.of(PageParameters.PAGE_GRANT, PageParameters.ANSWER_USE)).collect(Collectors.toUnmodifiableSet());
    /**
     * Credentials never go to a plan, whatever an app puts in a query: RFC 6750 allows a bearer token as
     * {@code access_token}, and a plan must not receive the app's Keycloak token or anything like it.
     */
    private static final Set<String> CREDENTIALS = Set.of("access_token", "refresh_token", "id_token", "client_secret",
        "client_assertion", "code_verifier", "password");

    private final Set<String> resourceTypes;
    private final String proxyBase;
    private final String planBase;

    /**
     * @param resourceTypes every FHIR R4 resource type name
     * @param proxyBase the proxy's base for this plan; parameter values under it are mapped to the plan's
     * @param planBase the plan's FHIR base
     */
    public FhirRequestParser(Set<String> resourceTypes, String proxyBase, String planBase) {
        this.resourceTypes = resourceTypes;
        this.proxyBase = proxyBase;
        this.planBase = planBase;
    }

    /**
     * @param rawPath the path after {@code fhir/{alias}/}, percent-encoded as received, possibly empty
     * @param rawQuery the query string as received
     * @param formBody the form-encoded body of a {@code POST [type]/_search} (same syntax as a query)
     */
    public FhirRequest parse(String rawPath, Optional<String> rawQuery, Optional<String> formBody)
        throws FhirProblemException {
        List<String> segments = segments(rawPath);
        List<SearchParameter> parameters = new ArrayList<>(parameters(rawQuery.orElse("")));
        parameters.addAll(parameters(formBody.map(String::trim).orElse("")));
        List<SearchParameter> forwarded = new ArrayList<>();
        for (SearchParameter p : parameters) {
            checkValue(p).ifPresent(forwarded::add);
        }
        return request(segments, forwarded);
    }

    private FhirRequest request(List<String> segments, List<SearchParameter> parameters) throws FhirProblemException {
        if (segments.isEmpty()) {
            return page(parameters);
        }
        String type = resourceType(segments.get(0));
        int size = segments.size();
        if (size == 1 || size == 2 && segments.get(1).equals("_search")) {
            return new FhirRequest(Interaction.SEARCH, Optional.of(type), Optional.empty(), Optional.empty(),
                parameters);
        }
        String id = fhirId(segments.get(1), "id");
        if (size == 2) {
            return new FhirRequest(Interaction.READ, Optional.of(type), Optional.of(id), Optional.empty(), parameters);
        }
        if (size == 3 && type.equals("Patient") && segments.get(2).equals(FhirRequest.EVERYTHING)) {
            return new FhirRequest(Interaction.EVERYTHING, Optional.of(type), Optional.of(id), Optional.empty(),
                parameters);
        }
        if (size == 4 && segments.get(2).equals("_history")) {
            return new FhirRequest(Interaction.VREAD, Optional.of(type), Optional.of(id),
                Optional.of(fhirId(segments.get(3), "version id")), parameters);
        }
        throw badRequest("'" + String.join("/", segments) + "' is not a read this proxy forwards. It serves "
            + "[type], [type]/[id], [type]/[id]/_history/[vid] and Patient/[id]/$everything (read-only: no other "
            + "operations, no history lists).");
    }

    /**
     * A base-level page: HAPI's {@code ?_getpages=} with its paging parameters, or the proxy's own link to a page
     * at one of the plan's paging hosts, which carries its grant and nothing else (both may carry the answer's
     * {@link PageParameters#ANSWER_USE}). A paging parameter named twice
     * is refused: servers differ in which one they read (HAPI reads the first), and the grant covers one page.
     */
    private FhirRequest page(List<SearchParameter> parameters) throws FhirProblemException {
        Set<String> named = new HashSet<>();
        for (SearchParameter p : parameters) {
            if (!named.add(p.name())) {
                throw badRequest("A page request names " + abbreviate(p.name()) + " more than once; follow the "
                    + "Bundle's links exactly as the proxy returned them.");
            }
        }
        boolean paging = parameters.stream().anyMatch(p -> p.name().equals(PageParameters.PAGE_ID))
            && parameters.stream().allMatch(p -> PAGING_PARAMETERS.contains(p.name()));
        List<SearchParameter> granted = parameters.stream()
            .filter(p -> !p.name().equals(PageParameters.ANSWER_USE)).toList();
        boolean atPagingHost = granted.size() == 1 && granted.get(0).name().equals(PageParameters.HOST_PAGE);
        if (!paging && !atPagingHost) {
            throw badRequest("A search must name a resource type, e.g. ExplanationOfBenefit?patient=...; "
                + "searches across all types are not forwarded.");
        }
        return new FhirRequest(Interaction.PAGE, Optional.empty(), Optional.empty(), Optional.empty(), parameters);
    }

    private static List<String> segments(String rawPath) throws FhirProblemException {
        if (ENCODED_SEPARATOR.matcher(rawPath).find()) {
            throw badRequest("The path holds an encoded '/', '\\', '.' or NUL; send plain FHIR paths such as "
                + "ExplanationOfBenefit/123.");
        }
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/", -1)) {
            if (raw.isEmpty() && segments.isEmpty() && rawPath.isEmpty()) {
                break;
            }
            String segment = decode(raw);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                throw badRequest("The path has an empty or dot segment; send plain FHIR paths such as "
                    + "ExplanationOfBenefit/123.");
            }
            segments.add(segment);
        }
        return segments;
    }

    private String resourceType(String segment) throws FhirProblemException {
        if (!resourceTypes.contains(segment)) {
            throw badRequest("'" + abbreviate(segment) + "' is not a FHIR R4 resource type.");
        }
        return segment;
    }

    private static String fhirId(String segment, String what) throws FhirProblemException {
        if (!FHIR_ID.matcher(segment).matches()) {
            throw badRequest("'" + abbreviate(segment) + "' is not a valid FHIR " + what
                + " (1-64 letters, digits, '-' or '.').");
        }
        return segment;
    }

    private static List<SearchParameter> parameters(String rawQuery) throws FhirProblemException {
        List<SearchParameter> parameters = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw badRequest("A query parameter has no name.");
            }
            parameters.add(new SearchParameter(name, value));
        }
        return parameters;
    }

    /**
     * Drops {@code _format} (the proxy always speaks FHIR JSON) and maps values under the proxy's base back
     * to the plan's. Other absolute URLs are refused: the proxy forwards reads of this plan only, and a URL
     * of anything else in a request is either a mistake or an attempt to make something fetch it. Token
     * values ({@code system|code}) and canonical parameters may name other hosts.
     */
    private Optional<SearchParameter> checkValue(SearchParameter p) throws FhirProblemException {
        if (CREDENTIALS.contains(p.name())) {
            return Optional.empty();
        }
        if (p.name().equals("_format")) {
            String format = p.value().toLowerCase(Locale.ROOT);
            if (!format.isEmpty() && !format.contains("json")) {
                throw badRequest("This proxy serves FHIR JSON only; drop _format=" + abbreviate(p.value()) + ".");
            }
            return Optional.empty();
        }
        String value = p.value();
        if (value.startsWith(proxyBase + "/")) {
            return Optional.of(new SearchParameter(p.name(), planBase + value.substring(proxyBase.length())));
        }
        if (isAbsoluteUrl(value) && !value.contains("|") && !CANONICAL_PARAMETERS.contains(p.name())) {
            throw badRequest("Parameter " + abbreviate(p.name()) + " holds an absolute URL that is not under this "
                + "proxy's base (" + proxyBase + "); use relative references such as Patient/123.");
        }
        return Optional.of(p);
    }

    private static boolean isAbsoluteUrl(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("//");
    }

    private static String decode(String raw) throws FhirProblemException {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badRequest("The request holds a malformed percent-encoding.");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static FhirProblemException badRequest(String diagnostics) {
        return FhirProblem.badRequest(diagnostics).exception();
    }
}
