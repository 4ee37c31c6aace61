package dev.payeraccess.proxy.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC behind every page link the proxy hands out: keyed with keys derived from the realm's HMAC keys (see
 * {@link PageLinkGrammar#derivedKey}), over the user and the plan the link was handed to, the kind of page (so a
 * grant for one kind never opens another) and the page's own facts. Each fact is written with its length first, so
 * no choice of values can shift one fact into the next. Rotating the realm's keys ends every page link.
 */
final class PageGrants {

    private final List<byte[]> keys;
    private final String userId;
    private final String alias;

    /**
     * @param keys the page-grant keys derived from the realm's HMAC keys, the active one first (it signs; all verify)
     * @param userId the caller's user
     * @param alias the plan
     */
    PageGrants(List<byte[]> keys, String userId, String alias) {
        this.keys = List.copyOf(keys);
        this.userId = userId;
        this.alias = alias;
    }

    /** False when the realm has no HMAC key: nothing can be signed, and every grant is refused. */
    boolean canSign() {
        return !keys.isEmpty();
    }

    /** The grant for a page of {@code kind} with {@code facts}, base64url; only when {@link #canSign()}. */
    String sign(String kind, String... facts) {
        return mac(keys.get(0), kind, facts);
    }

    /**
     * Whether {@code grant} was signed by this realm for this user, this plan, {@code kind} and exactly {@code facts}.
     */
    boolean verifies(String grant, String kind, String... facts) {
        byte[] given = grant.getBytes(StandardCharsets.US_ASCII);
        return keys.stream().anyMatch(key -> MessageDigest.isEqual(given,
            mac(key, kind, facts).getBytes(StandardCharsets.US_ASCII)));
    }

    private String mac(byte[] key, String kind, String... facts) {
        StringBuilder input = new StringBuilder();
        append(input, userId);
        append(input, alias);
        append(input, kind);
        for (String fact : facts) {
            append(input, fact);
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sum = hmac.doFinal(input.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static void append(StringBuilder input, String fact) {
        input.append(fact.length()).append(':').append(fact).append('\n');
    }
}
