package dev.payeraccess.proxy.request;

import dev.payeraccess.fhir.Access;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A read an app sent to {@code fhir/{alias}/...}, validated: the type is a FHIR R4 resource type, ids
 * are FHIR ids, parameters are decoded. The plan's URL is built from these parts alone, so it can only
 * ever point under the plan's FHIR base; the one exception is a page at one of the plan's paging hosts,
 * whose exact URL there a verified page grant names ({@link PagingHostLinks}).
 *
 * @param type the resource type; for {@link Interaction#PAGE} the type of the search that made the page,
 *     empty until the page link is verified
 * @param pagingHostUrl for a verified page at one of the plan's paging hosts: its URL there
 */
public record FhirRequest(Interaction interaction, Optional<String> type, Optional<String> id,
                          Optional<String> versionId, List<SearchParameter> parameters,
                              Optional<String> pagingHostUrl) {

    /** The one operation the proxy serves, on a Patient instance. */
    public static final String EVERYTHING = "$everything";

    public FhirRequest {
        parameters = List.copyOf(parameters);
    }

    /** A request for the plan's FHIR base. */
    public FhirRequest(Interaction interaction, Optional<String> type, Optional<String> id, Optional<String> versionId,
                       List<SearchParameter> parameters) {
        this(interaction, type, id, versionId, parameters, Optional.empty());
    }

    public Access access() {
        return interaction == Interaction.READ || interaction == Interaction.VREAD ? Access.READ : Access.SEARCH;
    }

    /** The same request with one more parameter (e.g. the linked patient a search is pinned to). */
    public FhirRequest with(SearchParameter added) {
        List<SearchParameter> more = new java.util.ArrayList<>(parameters);
        more.add(added);
        return new FhirRequest(interaction, type, id, versionId, more, pagingHostUrl);
    }

    /** A page bound to the type of the search that made it (see {@code PageLinks}); the plan's URL stays the base's. */
    public FhirRequest pageOf(String searchedType, List<SearchParameter> pagingParameters) {
        return new FhirRequest(Interaction.PAGE, Optional.of(searchedType), Optional.empty(), Optional.empty(),
            pagingParameters);
    }

    /** A page of a search of {@code searchedType} at one of the plan's paging hosts, read exactly at {@code url}. */
    public FhirRequest pageAt(String searchedType, String url) {
        return new FhirRequest(Interaction.PAGE, Optional.of(searchedType), Optional.empty(), Optional.empty(),
            List.of(), Optional.of(url));
    }

    /**
     * The same read at the plan: {@code planBase} followed by the validated path and parameters, or the page's
     * URL at a paging host.
     */
    public String planUrl(String planBase) {
        if (pagingHostUrl.isPresent()) {
            return pagingHostUrl.get();
        }
        StringBuilder url = new StringBuilder(planBase);
        if (interaction != Interaction.PAGE) {
            type.ifPresent(t -> url.append('/').append(t));
        }
        id.ifPresent(i -> url.append('/').append(i));
        versionId.ifPresent(v -> url.append("/_history/").append(v));
        if (interaction == Interaction.EVERYTHING) {
            url.append("/").append(EVERYTHING);
        }
        if (!parameters.isEmpty()) {
            url.append('?').append(parameters.stream().map(SearchParameter::encoded).collect(Collectors.joining("&")));
        }
        return url.toString();
    }

    /** For diagnostics and audit: what was asked, without parameter values (they may hold member data). */
    public String describe() {
        return interaction.code() + " " + type.orElse("(page)") + id.map(i -> "/" + i).orElse("")
            + versionId.map(v -> "/_history/" + v).orElse("") + (interaction == Interaction.EVERYTHING ? "/"
            + EVERYTHING : "");
    }
}
