package dev.payeraccess.proxy.paging;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.PlanHosts;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.PageParameters;
import dev.payeraccess.proxy.request.SearchParameter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The proxy's own links for pages at one of the plan's paging hosts (a CDN or API gateway the plan's
 * {@code next} links point at), and their verification when an app follows one.
 *
 * <p>The app gets {@code {proxyBase}?payer-access-host-page={Type}.{host}.{at}.{expires}.{grant}} (spelled and
 * signed as {@link PageLinkGrammar} says): the searched type, the paging host's position in the plan's list, the
 * path and query at that host (base64url, so the app cannot mistake it for something to edit), when it expires,
 * and an HMAC over all of it, the user and the plan. Following it reads exactly that URL, with the member's token,
 * after the type has been checked like the search's; a link moved to another user or plan, pointed at another host,
 * changed in any part or expired is refused with 403 before anything is sent.
 */
final class PagingHostLinks {

    private final PageLinkGrammar grammar;
    private final PlanHosts hosts;
    private final String proxyBase;

    PagingHostLinks(PageLinkGrammar grammar, PlanHosts hosts, String proxyBase) {
        this.grammar = grammar;
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
            if (index.isEmpty() || !grammar.canSign()) {
                return Optional.empty();
            }
            String host = hosts.pagingHosts().get(index.getAsInt());
            return Optional.of(grammar.hostPageLink(proxyBase, type, index.getAsInt(), host,
                url.substring(host.length())));
        };
    }

    /** Whether {@code request} is a page at a paging host, still to be {@link #verified}. */
    static boolean isHostPage(FhirRequest request) {
        return request.interaction() == Interaction.PAGE
            && request.parameters().stream().anyMatch(p -> p.name().equals(PageParameters.HOST_PAGE));
    }

    /**
     * The page as a read of its URL at the paging host, typed as its search.
     *
     * @throws FhirProblemException 403 when the grant is malformed, forged, altered, expired, issued to another user
     *     or plan, or names a paging host the plan no longer lists
     */
    FhirRequest verified(FhirRequest page) throws FhirProblemException {
        List<SearchParameter> parameters = page.parameters();
        Optional<PageLinkGrammar.HostPage> granted = parameters.size() == 1
            && parameters.get(0).name().equals(PageParameters.HOST_PAGE)
            ? PageLinkGrammar.hostPage(parameters.get(0).value()) : Optional.empty();
        Optional<String> host = granted.flatMap(g -> hosts.pagingHost(g.host()));
        if (host.isEmpty() || !grammar.covers(granted.get(), host.get())
            // Signed only for clean URLs under that host; checked again in case the rules have tightened since.
            || hosts.pagingHostOf(host.get() + granted.get().at()).orElse(-1) != granted.get().host()) {
            throw FhirProblem.forbidden("This page link was not issued by this proxy to this user for this plan. "
                + "Follow the Bundle's links exactly as the proxy returned them.").exception();
        }
        if (grammar.expired(granted.get().expires())) {
            throw PageLinks.expired();
        }
        return page.pageAt(granted.get().type(), host.get() + granted.get().at());
    }
}
