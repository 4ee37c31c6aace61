package dev.payeraccess.conformance;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.fhir.SearchParameters;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.plan.PlanFetch;
import dev.payeraccess.plan.PlanHosts;
import dev.payeraccess.plan.SearchsetPage;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the plan pages a member's search, from the first page of a one-entry search with the member's token: a
 * {@code next} link under the FHIR base (or HAPI's {@code _getpages}) is what the proxy follows as is, one on
 * another host needs that host in {@code pagingHosts}, and none while {@code Bundle.total} says there is more means
 * the plan pages by an offset parameter ({@code pagingMode=offset}). Details never hold the link itself, whose
 * query names the member, nor how many records the member has.
 */
final class PagingCheck {

    static final String CHECK = "paging";
    /** Claims first: they are what members have many of. */
    private static final List<String> SEARCHED_TYPES = List.of("ExplanationOfBenefit", "Coverage");

    /** The search the check sends: {@code {fhirBase}/{type}?{pin}=Patient/{id}&_count=1}. */
    record Search(String type, String url) {
    }

    private PagingCheck() {
    }

    /** The member's search to page, or empty when the plan allows neither claims nor coverage. */
    static Optional<Search> search(PlanIdentityProviderConfig plan, SearchParameters parameters, String patientId) {
        return SEARCHED_TYPES.stream().filter(plan.allowedResourceTypes()::contains).findFirst()
            .flatMap(type -> parameters.pinningParameter(type).map(pin -> new Search(type,
                plan.fhirBaseUrl().orElseThrow() + "/" + type + "?" + pin + "="
                    + URLEncoder.encode("Patient/" + patientId, StandardCharsets.UTF_8) + "&_count=1")));
    }

    static Finding of(PlanIdentityProviderConfig plan, String type, PlanFetch<SearchsetPage> page, String patientId) {
        if (page.value().isEmpty()) {
            PlanFetch.Failure failure = page.failure().orElseThrow();
            String detail = "A search of the member's " + type + " with the member's token " + failure.reason()
                + ": paging could not be checked.";
            boolean down = failure.kind() == PlanFetch.Kind.TIMEOUT || failure.kind() == PlanFetch.Kind.UNREACHABLE
                || failure.kind() == PlanFetch.Kind.NOT_CALLED || failure.status().orElse(0) >= 500;
            return down ? Finding.fail(CHECK, detail) : Finding.warn(CHECK, detail);
        }
        SearchsetPage first = page.value().get();
        return first.next().map(next -> withNext(plan, type, next, patientId))
            .orElseGet(() -> withoutNext(plan, type, first));
    }

    private static Finding withNext(PlanIdentityProviderConfig plan, String type, String next, String patientId) {
        String base = plan.fhirBaseUrl().orElseThrow();
        PlanHosts hosts = new PlanHosts(base, plan.pagingHosts());
        if (new PlanHosts(base, List.of()).admits(next)) {
            return Finding.pass(CHECK, next.contains("_getpages=")
                ? "The plan pages " + type + " on its FHIR base, keeping the search on its server (_getpages)."
                : "The plan's next links are under its FHIR base.");
        }
        if (hosts.pagingHostOf(next).isPresent()) {
            return Finding.pass(CHECK, "The plan's next links point at " + PlanHosts.originOf(next)
                + ", one of its pagingHosts.");
        }
        Optional<String> host = pagingHostOf(next, type, patientId);
        if (host.isEmpty()) {
            return Finding.warn(CHECK, "The plan's next link is not an absolute http(s) URL the proxy could follow: "
                + "apps get the first page only. If the plan documents an offset parameter, set pagingMode to offset.");
        }
        List<String> listed = new ArrayList<>(plan.pagingHosts());
        listed.add(host.get());
        return Finding.warn(CHECK, "The plan's next links point at " + PlanHosts.originOf(next) + ", which is neither "
            + "its FHIR base nor one of its pagingHosts: apps get the first page only. If that host is the plan's, "
            + "list it (members relink once).", PlanIdentityProviderConfig.PAGING_HOSTS, String.join(", ", listed));
    }

    private static Finding withoutNext(PlanIdentityProviderConfig plan, String type, SearchsetPage first) {
        boolean more = first.total().isPresent() && first.total().getAsInt() > first.entries();
        if (plan.profile().pagingMode() == PagingMode.OFFSET) {
            return Finding.pass(CHECK, "The plan sends no next link; the proxy writes its own with "
                + plan.profile().offsetParameter() + " (pagingMode offset).");
        }
        if (!more) {
            return Finding.skipped(CHECK, "The member's " + type + " search fits on one page: nothing to page.");
        }
        return Finding.warn(CHECK, "The plan's Bundle.total says the member's " + type + " search has more results "
            + "than its first page, which has no next link: the plan pages by an offset parameter, and apps get the "
            + "first page only. Set offsetParameter to the plan's parameter too (_offset, _getpagesoffset, startIndex"
            + "...).", PlanIdentityProviderConfig.PAGING_MODE, PagingMode.OFFSET.configName());
    }

    /**
     * The base a {@code next} link's pages are served under: its origin and path up to the searched type, e.g.
     * {@code https://cdn.plan.example/r4} for {@code https://cdn.plan.example/r4/ExplanationOfBenefit?...}; the
     * origin alone when the path holds the member's Patient id. Empty for a link that is no absolute http(s) URL.
     */
    static Optional<String> pagingHostOf(String next, String type, String patientId) {
        URI uri;
        try {
            uri = new URI(next);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        boolean http = uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http");
        if (!http || uri.getHost() == null) {
            return Optional.empty();
        }
        String origin = PlanHosts.originOf(next);
        String path = Optional.ofNullable(uri.getRawPath()).orElse("");
        int typeAt = path.indexOf("/" + type);
        String basePath = typeAt >= 0 ? path.substring(0, typeAt) : path;
        basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        return Optional.of(!patientId.isEmpty() && basePath.contains(patientId) ? origin : origin + basePath);
    }
}
