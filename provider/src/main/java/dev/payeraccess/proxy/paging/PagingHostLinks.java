package dev.payeraccess.proxy.paging;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.PlanHosts;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.PageParameters;
import dev.payeraccess.proxy.request.SearchParameter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The proxy's own links for pages at one of the plan's paging hosts (a CDN or API gateway the plan's
 * {@code next} links point at), and their verification when an app follows one.
 *
 * <p>The app gets {@code {proxyBase}?payer-access-host-page={Type}.{host}.{at}.{grant}}: {@code Type} is the
 * type of the search the page belongs to, {@code host} the position of the paging host in the plan's list,
 * {@code at} the path and query at that host (base64url, so the app cannot mistake it for something to edit)
 * and {@code grant} a {@link PageGrants} HMAC over the user, the plan, the type, the host's URL and that path
 * and query. Following it reads exactly that URL, with the member's token, after the type has been checked
 * like the search's; a link moved to another user or plan, pointed at another host, or changed in any part is
 * refused with 403 before anything is sent.
 */
final class PagingHostLinks {

    /** The query parameter of a page at a paging host; a base-level request carries nothing else. */
    private static final String HOST_PAGE = PageParameters.HOST_PAGE;
    private static final String KIND = "paging-host";
    private static final Pattern HOST_INDEX = Pattern.compile("0|[1-9][0-9]{0,2}");

    private final PageGrants grants;
    private final PlanHosts hosts;
    private final String proxyBase;

    PagingHostLinks(PageGrants grants, PlanHosts hosts, String proxyBase) {
        this.grants = grants;
        this.hosts = hosts;
        this.proxyBase = proxyBase;
    }

    /**
     * For the rewriter: the proxy's link for a URL under one of the plan's paging hosts, in the answer to a
     * search of {@code type}; empty for any other URL (and when the realm has no HMAC key to sign with).
     */
    Function<String, Optional<String>> signer(String type) {
        return url -> {
            OptionalInt index = hosts.pagingHostOf(url);
            if (index.isEmpty() || !grants.canSign()) {
                return Optional.empty();
            }
            String host = hosts.pagingHosts().get(index.getAsInt());
            String at = url.substring(host.length());
            return Optional.of(proxyBase + "?" + HOST_PAGE + "=" + type + "." + index.getAsInt() + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(at.getBytes(StandardCharsets.UTF_8)) + "."
                + grants.sign(KIND, type, host, at));
        };
    }

    /** Whether {@code request} is a page at a paging host, still to be {@link #verified}. */
    static boolean isHostPage(FhirRequest request) {
        return request.interaction() == Interaction.PAGE
            && request.parameters().stream().anyMatch(p -> p.name().equals(HOST_PAGE));
    }

    /**
     * The page as a read of its URL at the paging host, typed as its search.
     *
     * @throws FhirProblemException 403 when the grant is malformed, forged, altered, issued to another user or
     *     plan, or names a paging host the plan no longer lists
     */
    FhirRequest verified(FhirRequest page) throws FhirProblemException {
        List<SearchParameter> parameters = page.parameters();
        if (parameters.size() == 1 && parameters.get(0).name().equals(HOST_PAGE)) {
            Optional<FhirRequest> verified = verified(page, parameters.get(0).value().split("\\.", -1));
            if (verified.isPresent()) {
                return verified.get();
            }
        }
        throw FhirProblem.forbidden("This page link was not issued by this proxy to this user for this plan. "
            + "Follow the Bundle's links exactly as the proxy returned them.").exception();
    }

    private Optional<FhirRequest> verified(FhirRequest page, String[] parts) {
        if (parts.length != 4 || !PageLinks.RESOURCE_TYPE.matcher(parts[0]).matches()
            || !HOST_INDEX.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        Optional<String> host = hosts.pagingHost(Integer.parseInt(parts[1]));
        Optional<String> at = decoded(parts[2]);
        if (host.isEmpty() || at.isEmpty() || !grants.verifies(parts[3], KIND, parts[0], host.get(), at.get())) {
            return Optional.empty();
        }
        String url = host.get() + at.get();
        // Signed only for clean URLs under that host; checked again in case the rules have tightened since.
        if (hosts.pagingHostOf(url).orElse(-1) != Integer.parseInt(parts[1])) {
            return Optional.empty();
        }
        return Optional.of(page.pageAt(parts[0], url));
    }

    private static Optional<String> decoded(String base64url) {
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
