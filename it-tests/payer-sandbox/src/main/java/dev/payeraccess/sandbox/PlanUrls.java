package dev.payeraccess.sandbox;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The sandbox's public URLs, shaped like the seeds' ({@code /oauth2/authorize/{system-id}},
 * {@code /oauth2/token}, {@code /r4}) but on one host and port, plus the plan's second host.
 *
 * @param base scheme, host and port without a trailing slash, e.g. {@code http://localhost:8090}
 * @param pagingHost scheme, host and port of the plan's second host, which serves the same FHIR API (see
 *     {@code SandboxControls#nextLinksOnSecondHost}), e.g. {@code http://127.0.0.1:41234}
 */
public record PlanUrls(String base, String pagingHost) {

    /** URLs on one host: the second host is the first. */
    public PlanUrls(String base) {
        this(base, base);
    }

    /** The URLs as the client of {@code request} addressed the sandbox. */
    public static PlanUrls of(HttpServletRequest request) {
        return new PlanUrls(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
    }

    public String fhirBase() {
        return base + "/r4";
    }

    /**
     * The FHIR API on the plan's second host: what a plan's {@code pagingHosts} lists, e.g.
     * {@code http://127.0.0.1:41234/r4}.
     */
    public String pagingHostBase() {
        return pagingHost + "/r4";
    }

    public String authorize(Track track) {
        return base + "/oauth2/authorize/" + track.systemId();
    }

    public String token() {
        return base + "/oauth2/token";
    }

    public String revocation() {
        return base + "/oauth2/revoke";
    }

    public String jwks() {
        return base + "/oauth2/jwks";
    }

    public String issuer() {
        return base + "/oauth2";
    }
}
