package dev.payeraccess.proxy.paging;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.PageParameters;
import dev.payeraccess.proxy.request.SearchParameter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Page links on the plan's FHIR base ({@code ?_getpages=...}, as HAPI FHIR servers page) carry a grant: a
 * {@link PageGrants} HMAC over the user, the plan, the page's id at the plan and the type the search was for.
 * A page is then read like the search that made it: the same type must be readable by the caller's token, and
 * another user or another plan cannot replay the link. Pages at the plan's other hosts are {@link PagingHostLinks}.
 */
public final class PageLinks {

    /** The query parameter that carries the grant; never forwarded to the plan. */
    private static final String PAGE_GRANT = PageParameters.PAGE_GRANT;
    /** A FHIR resource type name, as a grant names the searched type. */
    static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");
    private static final String PAGE_ID = PageParameters.PAGE_ID;
    private static final String KIND = "getpages";

    private final PageGrants grants;

    PageLinks(PageGrants grants) {
        this.grants = grants;
    }

    /**
     * @param keys the realm's HMAC keys, the active one first (it signs; all verify)
     * @param userId the caller's user
     * @param alias the plan
     */
    PageLinks(List<byte[]> keys, String userId, String alias) {
        this(new PageGrants(keys, userId, alias));
    }

    /** For the rewriter: adds the grant to a page link of a search of {@code type}; other URLs stay as they are. */
    public UnaryOperator<String> signer(String type) {
        if (!grants.canSign()) {
            return UnaryOperator.identity(); // no HMAC key in the realm: links stay unsigned, and pages are refused
        }
        return url -> pageId(url).map(id -> url + "&" + PAGE_GRANT + "=" + type + "." + grants.sign(KIND, type, id))
            .orElse(url);
    }

    /** {@link #verified} for page requests; other requests as they are. */
    FhirRequest verifiedIfPage(FhirRequest request) throws FhirProblemException {
        return request.interaction() == Interaction.PAGE ? verified(request) : request;
    }

    /**
     * A page request as the page of its search: typed, grant removed.
     *
     * @throws FhirProblemException 403 when the grant is missing, forged, or was issued to someone else
     */
    public FhirRequest verified(FhirRequest page) throws FhirProblemException {
        String grant = "";
        String id = "";
        List<SearchParameter> forwarded = new ArrayList<>();
        for (SearchParameter p : page.parameters()) {
            if (p.name().equals(PAGE_GRANT)) {
                grant = p.value();
            } else {
                if (p.name().equals(PAGE_ID)) {
                    id = p.value();
                }
                forwarded.add(p);
            }
        }
        int dot = grant.indexOf('.');
        String type = dot > 0 ? grant.substring(0, dot) : "";
        if (RESOURCE_TYPE.matcher(type).matches() && grants.verifies(grant.substring(dot + 1), KIND, type, id)) {
            return page.pageOf(type, forwarded);
        }
        throw FhirProblem.forbidden("This page link was not issued by this proxy to this user for this plan. "
            + "Follow the Bundle's next link exactly as the proxy returned it.").exception();
    }

    private static Optional<String> pageId(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.startsWith(PAGE_ID + "=")) {
                return Optional.of(URLDecoder.decode(pair.substring(PAGE_ID.length() + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
