package dev.payeraccess.proxy.paging;

import dev.payeraccess.proxy.request.PageParameters;
import dev.payeraccess.proxy.request.SearchParameter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The grammar of every page link the proxy writes and reads, in one place: how each kind is spelled, what its grant
 * covers, how long it lasts and which key signs it. {@link PageGrants} is the MAC; {@link PageLinks},
 * {@link PagingHostLinks} and {@link OffsetPaging} decide which links are written and what a followed one opens.
 *
 * <ul>
 *   <li><b>A page at the plan's FHIR base</b> (HAPI FHIR's {@code _getpages}): the plan's link with
 *   {@code &payer-access-page={Type}.{expires}.{mac}} appended. The MAC covers the user, the plan, the searched type,
 *   the expiry and the page request exactly as it is forwarded ({@link #forwardedQuery}: every HAPI paging parameter
 *   of the link, in order), so no page id, offset or count can be swapped or put in front of the granted one.</li>
 *   <li><b>A page at one of the plan's paging hosts</b>: {@code {proxyBase}?payer-access-host-page=
 *   {Type}.{host}.{at}.{expires}.{mac}}, {@code host} the paging host's position in the plan's list, {@code at} the
 *   path and query there (base64url); the MAC covers the user, the plan, the type, the host's URL, that path and
 *   query and the expiry.</li>
 *   <li><b>A page the proxy pages itself</b> ({@link CallerPages#grant}, e.g. an emulated {@code $everything}): the
 *   kind's own link, carrying {@code {expires}.{mac}}; the MAC covers the user, the plan, the kind and the facts that
 *   kind names (for {@code $everything}: the patient, the app's parameters, the type and the plan's next link).</li>
 *   <li><b>The next page of a plan that pages by an offset</b>: the app's search with the offset parameter moved,
 *   {@code {proxyBase}/{Type}?{the app's parameters}&{parameter}={offset}}; a search like any other, no grant.</li>
 * </ul>
 *
 * <p>{@code expires} is in epoch seconds; a grant lasts {@link #LIFETIME}, long enough for an app to page through
 * a search, and then gets 403 (the app searches again). The MAC key is derived from each of the realm's HMAC keys
 * for this purpose alone ({@link #derivedKey}), so a page grant is never a valid MAC of anything else Keycloak signs
 * with those keys, and rotating them still ends every page link.
 */
final class PageLinkGrammar {

    /** How long a page link opens its page after the answer that carried it. */
    static final Duration LIFETIME = Duration.ofHours(1);
    /** What the realm's HMAC keys are narrowed to before they sign page grants. */
    static final String KEY_PURPOSE = "payer-access page grants";
    /** A FHIR resource type name, as a grant names the searched type. */
    static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");
    private static final Pattern EXPIRES = Pattern.compile("[1-9][0-9]{0,11}");
    private static final Pattern HOST_INDEX = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final String GET_PAGES = "getpages";
    private static final String PAGING_HOST = "paging-host";

    /** A grant on a page link at the plan's FHIR base, as read from {@code payer-access-page}. */
    record PageGrant(String type, long expires, String mac) {
    }

    /** A page at one of the plan's paging hosts, as read from {@code payer-access-host-page}. */
    record HostPage(String type, int host, String at, long expires, String mac) {
    }

    private final PageGrants grants;
    private final Clock clock;

    PageLinkGrammar(PageGrants grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    /** The key that signs page grants, from one of the realm's HMAC keys: HMAC-SHA256(realm key, purpose). */
    static byte[] derivedKey(byte[] realmKey) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(realmKey, "HmacSHA256"));
            return hmac.doFinal(KEY_PURPOSE.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The MAC, for pages the proxy pages itself ({@link CallerPages#grant}). */
    PageGrants grants() {
        return grants;
    }

    /** False when the realm has no HMAC key: nothing is signed, and every grant is refused. */
    boolean canSign() {
        return grants.canSign();
    }

    // ---- pages at the plan's FHIR base ----

    /**
     * {@code url} (a {@code ?_getpages=} link on the proxy's base) with its grant for a search of {@code type};
     * empty for any other URL.
     */
    Optional<String> granted(String url, String type) {
        List<SearchParameter> query = query(url);
        if (query.stream().noneMatch(p -> p.name().equals(PageParameters.PAGE_ID))) {
            return Optional.empty();
        }
        long expires = expiresFromNow();
        String mac = grants.sign(GET_PAGES, type, Long.toString(expires), forwardedQuery(query));
        return Optional.of(url + "&" + PageParameters.PAGE_GRANT + "=" + type + "." + expires + "." + mac);
    }

    /** The grant's parts, if {@code value} is spelled as one; says nothing of whether it is valid. */
    static Optional<PageGrant> pageGrant(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !RESOURCE_TYPE.matcher(parts[0]).matches() || !EXPIRES.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new PageGrant(parts[0], Long.parseLong(parts[1]), parts[2]));
    }

    /** Whether {@code grant} was signed here for this user and plan over exactly the {@code forwarded} page request. */
    boolean covers(PageGrant grant, List<SearchParameter> forwarded) {
        return grants.verifies(grant.mac(), GET_PAGES, grant.type(), Long.toString(grant.expires()),
            forwardedQuery(forwarded));
    }

    /**
     * The page request a grant covers: the HAPI paging parameters, encoded and in order, exactly as the plan gets
     * them. Anything else a page link may hold is never forwarded ({@code _format}) or refused before this is read.
     */
    static String forwardedQuery(List<SearchParameter> parameters) {
        return parameters.stream().filter(p -> PageParameters.HAPI_PAGING.contains(p.name()))
            .map(SearchParameter::encoded).collect(Collectors.joining("&"));
    }

    // ---- pages at the plan's paging hosts ----

    /** The proxy's link to the page at {@code hostUrl + at}, the paging host at {@code host} of the plan's list. */
    String hostPageLink(String proxyBase, String type, int host, String hostUrl, String at) {
        long expires = expiresFromNow();
        return proxyBase + "?" + PageParameters.HOST_PAGE + "=" + type + "." + host + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(at.getBytes(StandardCharsets.UTF_8)) + "."
            + expires + "." + grants.sign(PAGING_HOST, type, hostUrl, at, Long.toString(expires));
    }

    /** The host page's parts, if {@code value} is spelled as one; says nothing of whether it is valid. */
    static Optional<HostPage> hostPage(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 5 || !RESOURCE_TYPE.matcher(parts[0]).matches() || !HOST_INDEX.matcher(parts[1]).matches()
            || !EXPIRES.matcher(parts[3]).matches()) {
            return Optional.empty();
        }
        try {
            String at = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
            return Optional.of(new HostPage(parts[0], Integer.parseInt(parts[1]), at, Long.parseLong(parts[3]),
                parts[4]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code page} was signed here for this user and plan, for the paging host at {@code hostUrl}. */
    boolean covers(HostPage page, String hostUrl) {
        return grants.verifies(page.mac(), PAGING_HOST, page.type(), hostUrl, page.at(), Long.toString(page.expires()));
    }

    // ---- expiry, the same for both kinds ----

    /** Whether a grant that expires at {@code expires} (epoch seconds) has; checked after its MAC. */
    boolean expired(long expires) {
        return clock.instant().getEpochSecond() >= expires;
    }

    long expiresFromNow() {
        return clock.instant().plus(LIFETIME).getEpochSecond();
    }

    // ---- next links written by the proxy at plans that page by an offset ----

    /** The next page of {@code search} (the app's search without the offset): the offset moved to {@code next}. */
    static String offsetNext(String search, String parameter, long next) {
        return search + (search.contains("?") ? "&" : "?") + new SearchParameter(parameter, Long.toString(next))
            .encoded();
    }

    /** The decoded parameters of {@code url}'s query, in order. */
    private static List<SearchParameter> query(String url) {
        int q = url.indexOf('?');
        List<SearchParameter> parameters = new ArrayList<>();
        if (q < 0) {
            return parameters;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (pair.isEmpty() || eq == 0) {
                continue;
            }
            try {
                parameters.add(new SearchParameter(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    StandardCharsets.UTF_8), eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                    StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                return List.of(); // a malformed link opens nothing: left without a grant
            }
        }
        return parameters;
    }
}
