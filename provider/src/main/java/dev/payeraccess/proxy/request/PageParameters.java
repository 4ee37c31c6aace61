package dev.payeraccess.proxy.request;

import java.util.Set;

/**
 * The query parameters that make a request to the proxy's FHIR base a page of an earlier search, as they appear on
 * the wire. The parser recognises a page by them; {@code proxy.paging} writes and checks the grants they carry.
 */
public final class PageParameters {

    /** HAPI FHIR's page id on the server's base ({@code ?_getpages=...}), the page links most plans write. */
    public static final String PAGE_ID = "_getpages";
    /**
     * HAPI FHIR's paging parameters, the only ones a page at the plan's base forwards, each at most once: the
     * proxy's grant covers exactly these.
     */
    public static final Set<String> HAPI_PAGING = Set.of(PAGE_ID, "_getpagesoffset", "_count", "_bundletype",
        "_pretty");
    /** The proxy's grant on a page link at the plan's FHIR base: {@code {type}.{expires}.{signature}}. */
    public static final String PAGE_GRANT = "payer-access-page";
    /** The proxy's own link to a page at one of the plan's paging hosts: the grant and nothing else. */
    public static final String HOST_PAGE = "payer-access-host-page";
    /**
     * What a page link of either kind may carry beside its grant, outside it: the {@code use} of the prior
     * authorizations (or claims) asked, which the proxy answers itself ({@code proxy.priorauth}). Unsigned, as it can
     * only narrow what the app sees of a page it may read anyway.
     */
    public static final String ANSWER_USE = "use";

    private PageParameters() {
    }
}
