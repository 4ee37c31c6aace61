package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page links the proxy hands out carry a grant: an HMAC, with a key of the realm, over the user, the plan,
 * the page's id at the plan and the type the search was for. A page is then read like the search that made
 * it: the same type must be readable by the caller's token, and another user or another plan cannot replay
 * the link. Keyed by the realm's HMAC keys, so rotating them ends old page links too.
 */
final class PageLinks {

    /** The query parameter that carries the grant; never forwarded to the plan. */
    static final String PAGE_GRANT = "payer-access-page";
    private static final String PAGE_ID = "_getpages";

    private final List<byte[]> keys;
    private final String binding;

    /**
     * @param keys the realm's HMAC keys, the active one first (it signs; all verify)
     * @param userId the caller's user
     * @param alias the plan
     */
    PageLinks(List<byte[]> keys, String userId, String alias) {
        this.keys = List.copyOf(keys);
        this.binding = userId + "\n" + alias + "\n";
    }

    /** For the rewriter: adds the grant to a page link of a search of {@code type}; other URLs stay as they are. */
    UnaryOperator<String> signer(String type) {
        if (keys.isEmpty()) {
            return UnaryOperator.identity(); // no HMAC key in the realm: links stay unsigned, and pages are refused
        }
        return url -> pageId(url).map(id -> url + "&" + PAGE_GRANT + "=" + type + "." + mac(keys.get(0), type, id))
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
    FhirRequest verified(FhirRequest page) throws FhirProblemException {
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
        if (dot > 0 && matches(grant.substring(0, dot), id, grant.substring(dot + 1))) {
            return page.pageOf(grant.substring(0, dot), forwarded);
        }
        throw FhirProblem.forbidden("This page link was not issued by this proxy to this user for this plan. "
            + "Follow the Bundle's next link exactly as the proxy returned it.").exception();
    }

    private boolean matches(String type, String id, String mac) {
        byte[] given = mac.getBytes(StandardCharsets.US_ASCII);
        return keys.stream().anyMatch(key -> MessageDigest.isEqual(given,
            mac(key, type, id).getBytes(StandardCharsets.US_ASCII)));
    }

    private String mac(byte[] key, String type, String pageId) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sum = hmac.doFinal((binding + type + "\n" + pageId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static Optional<String> pageId(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.startsWith(PAGE_ID + "=")) {
                return Optional.of(java.net.URLDecoder.decode(pair.substring(PAGE_ID.length() + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
