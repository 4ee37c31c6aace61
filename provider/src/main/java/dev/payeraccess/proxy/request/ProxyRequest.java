package dev.payeraccess.proxy.request;

import java.util.Map;
import java.util.Optional;

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

    public ProxyRequest {
        forwardedHeaders = Map.copyOf(forwardedHeaders);
    }
}
