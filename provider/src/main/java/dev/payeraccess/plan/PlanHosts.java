package dev.payeraccess.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The only places a member's plan token is ever sent: under the plan's FHIR base, and under the paging hosts
 * its administrator listed (a CDN or API gateway the plan's {@code next} links point at). A URL belongs to a
 * base when it is the base itself or continues it with a path or a query ({@code …/r4x} and
 * {@code …example.evil.com} are other places), and when nothing in it could walk out of the base once a server
 * decodes it: dot segments, empty segments, encoded slashes, backslashes or dots, user info, a fragment.
 *
 * @param fhirBase the plan's FHIR base, without a trailing slash
 * @param pagingHosts the plan's paging hosts, without trailing slashes, in the order configured
 */
public record PlanHosts(String fhirBase, List<String> pagingHosts) {

    /** Escapes a server may decode into a separator or a dot: {@code %2F} {@code %5C} {@code %2E} {@code %00}. */
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2[fF]|5[cC]|2[eE]|00)");

    public PlanHosts {
        Objects.requireNonNull(fhirBase, "fhirBase");
        pagingHosts = List.copyOf(pagingHosts);
    }

    public static PlanHosts of(PlanEndpoints plan) {
        return new PlanHosts(plan.fhirBaseUrl(), plan.pagingHosts());
    }

    /** Whether the member's token may be sent to {@code url}: under the FHIR base or a paging host, and clean. */
    public boolean admits(String url) {
        return under(url, fhirBase) || pagingHostOf(url).isPresent();
    }

    /** The position in {@link #pagingHosts()} of the paging host {@code url} lies cleanly under, if any. */
    public OptionalInt pagingHostOf(String url) {
        for (int i = 0; i < pagingHosts.size(); i++) {
            if (under(url, pagingHosts.get(i))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** The paging host at {@code index}, if the plan still lists that many. */
    public Optional<String> pagingHost(int index) {
        return index >= 0 && index < pagingHosts.size() ? Optional.of(pagingHosts.get(index)) : Optional.empty();
    }

    /**
     * Scheme, host and port of {@code url} and nothing else, for a log line: a path or query may carry a
     * member's data, an origin does not.
     */
    public static String originOf(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
            }
        } catch (URISyntaxException e) {
            // reported as below
        }
        return "(a URL that is not an absolute http(s) URL)";
    }

    private static boolean under(String url, String base) {
        if (!url.startsWith(base)) {
            return false;
        }
        String rest = url.substring(base.length());
        if (!rest.isEmpty() && rest.charAt(0) != '/' && rest.charAt(0) != '?') {
            return false;
        }
        return clean(url, rest);
    }

    /**
     * {@code rest} is what follows the base: a path (starting with {@code /}), a query (with {@code ?}), or nothing.
     */
    private static boolean clean(String url, String rest) {
        URI uri;
        try {
            uri = new URI(url); // what the HTTP client will send; refuses spaces, raw backslashes and the like
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.getHost() == null) {
            return false;
        }
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        if (ENCODED_SEPARATOR.matcher(path).find() || path.contains("\\")) {
            return false;
        }
        if (path.isEmpty()) {
            return true;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean trailingSlash = i == segments.length - 1 && segments[i].isEmpty();
            if (!trailingSlash && (segments[i].isEmpty() || segments[i].equals(".") || segments[i].equals(".."))) {
                return false;
            }
        }
        return true;
    }
}
