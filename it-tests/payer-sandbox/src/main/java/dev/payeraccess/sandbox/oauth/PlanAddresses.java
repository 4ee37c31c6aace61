package dev.payeraccess.sandbox.oauth;

import java.net.URI;
import java.util.Set;

/**
 * Whether a URL a client sent (an {@code aud}, a client assertion's audience) names one of the plan's own
 * URLs. Loopback names are interchangeable: the browser, Keycloak and the tests may spell the sandbox as
 * {@code localhost} or {@code 127.0.0.1}, and a trailing slash makes no difference.
 */
final class PlanAddresses {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private PlanAddresses() {
    }

    static boolean same(String sent, String planUrl) {
        try {
            URI a = URI.create(stripSlash(sent));
            URI b = URI.create(stripSlash(planUrl));
            return a.getScheme().equals(b.getScheme()) && a.getPort() == b.getPort()
                && a.getPath().equals(b.getPath()) && sameHost(a.getHost(), b.getHost());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean sameHost(String a, String b) {
        return a.equalsIgnoreCase(b) || LOOPBACK.contains(a) && LOOPBACK.contains(b);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
