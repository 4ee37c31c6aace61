package dev.payeraccess.proxy.paging;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.PageParameters;
import dev.payeraccess.proxy.request.SearchParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Page links on the plan's FHIR base ({@code ?_getpages=...}, as HAPI FHIR servers page) carry a grant for exactly
 * the page request that is forwarded, for a while (spelled and signed as {@link PageLinkGrammar} says). A page is
 * then read like the search that made it: the same type must be readable by the caller's token, and another user
 * or another plan cannot replay the link. Pages at the plan's other hosts are {@link PagingHostLinks}.
 */
public final class PageLinks {

    private final PageLinkGrammar grammar;

    PageLinks(PageLinkGrammar grammar) {
        this.grammar = grammar;
    }

    /** For the rewriter: adds the grant to a page link of a search of {@code type}; other URLs stay as they are. */
    public UnaryOperator<String> signer(String type) {
        if (!grammar.canSign()) {
            return UnaryOperator.identity(); // no HMAC key in the realm: links stay unsigned, and pages are refused
        }
        return url -> grammar.granted(url, type).orElse(url);
    }

    /** {@link #verified} for page requests; other requests as they are. */
    FhirRequest verifiedIfPage(FhirRequest request) throws FhirProblemException {
        return request.interaction() == Interaction.PAGE ? verified(request) : request;
    }

    /**
     * A page request as the page of its search: typed, grant removed.
     *
     * @throws FhirProblemException 403 when the grant is missing, forged, expired, was issued to someone else or
     *     for another page request
     */
    public FhirRequest verified(FhirRequest page) throws FhirProblemException {
        Optional<PageLinkGrammar.PageGrant> grant = Optional.empty();
        List<SearchParameter> forwarded = new ArrayList<>();
        for (SearchParameter p : page.parameters()) {
            if (p.name().equals(PageParameters.PAGE_GRANT)) {
                grant = PageLinkGrammar.pageGrant(p.value());
            } else {
                forwarded.add(p);
            }
        }
        if (grant.isEmpty() || !grammar.covers(grant.get(), forwarded)) {
            throw FhirProblem.forbidden("This page link was not issued by this proxy to this user for this plan. "
                + "Follow the Bundle's next link exactly as the proxy returned it.").exception();
        }
        if (grammar.expired(grant.get().expires())) {
            throw expired();
        }
        return page.pageOf(grant.get().type(), forwarded);
    }

    /** The one wording for a page link past its lifetime, whichever kind. */
    static FhirProblemException expired() {
        return FhirProblem.forbidden("This page link has expired (page links last "
            + PageLinkGrammar.LIFETIME.toMinutes() + " minutes); run the search again.").exception();
    }
}
