package dev.payeraccess.proxy.request;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One read an app sent to {@code fhir/{alias}/...}, as the JAX-RS resource received it and before any
 * check: the path still percent-encoded (so an encoded {@code /} or {@code ..} is still seen, and refused).
 *
 * @param encodedPath what follows {@code fhir/{alias}/}, possibly empty
 * @param formBody the form-encoded body of {@code POST [type]/_search}
 * @param forwardedHeaders the app's headers the plan may see (never its token)
 */
public record ProxyRequest(Method method, String encodedPath, Optional<String> rawQuery, Optional<String> formBody,
                           Map<String, String> forwardedHeaders) {

    /** How the app asked. */
    public enum Method {
        GET,
        /** Same checks and status as GET, no body. */
        HEAD,
        /** {@code POST [type]/_search} with a form body, forwarded as a GET search. */
        POST_SEARCH
    }

    /** The conditional request headers (RFC 9110, 13.1) an app may send with a read. */
    private static final Set<String> CONDITIONAL = Set.of("if-none-match", "if-modified-since", "if-match",
        "if-unmodified-since", "if-range");

    public ProxyRequest {
        forwardedHeaders = Map.copyOf(forwardedHeaders);
    }

    /**
     * This request without its conditional headers: where the answer's content decides what the app may see, the
     * plan must send the content, not a 304 that would let the app learn about a resource nobody looked at.
     */
    public ProxyRequest unconditional() {
        Map<String, String> headers = new LinkedHashMap<>(forwardedHeaders);
        headers.keySet().removeIf(name -> CONDITIONAL.contains(name.toLowerCase(Locale.ROOT)));
        return new ProxyRequest(method, encodedPath, rawQuery, formBody, headers);
    }
}
