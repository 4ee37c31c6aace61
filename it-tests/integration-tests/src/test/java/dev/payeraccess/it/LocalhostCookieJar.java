package dev.payeraccess.it;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Cookies the way a browser keeps them for {@code http://localhost}: browsers treat localhost as a
 * secure context and send {@code Secure} cookies to it, which Keycloak's login cookies need; the JDK's
 * {@code CookieManager} does not, so it cannot walk Keycloak's login pages over plain http.
 */
final class LocalhostCookieJar extends CookieHandler {

    private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String header = cookies.values().stream()
            .filter(c -> c.getDomain().equalsIgnoreCase(uri.getHost()) && path.startsWith(c.getPath()))
            .filter(c -> !c.hasExpired())
            .map(c -> c.getName() + "=" + c.getValue())
            .collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                values.forEach(value -> HttpCookie.parse(value).forEach(cookie -> keep(uri, cookie)));
            }
        });
    }

    private void keep(URI uri, HttpCookie cookie) {
        cookie.setDomain(uri.getHost());
        if (cookie.getPath() == null || cookie.getPath().isEmpty()) {
            cookie.setPath("/");
        }
        String key = uri.getHost() + "|" + cookie.getPath() + "|" + cookie.getName();
        if (cookie.getMaxAge() == 0) {
            cookies.remove(key);
        } else {
            cookies.put(key, cookie);
        }
    }
}
