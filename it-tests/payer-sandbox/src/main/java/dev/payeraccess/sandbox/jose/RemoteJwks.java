package dev.payeraccess.sandbox.jose;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Clients' published key sets, fetched over HTTP and kept for a minute per URL. A key id missing from the
 * kept set triggers one refetch, so a client that rotated its keys (a new Keycloak realm key) is recognised
 * at once, without waiting for the copy to age out.
 */
public final class RemoteJwks {

    private static final Duration FRESH_FOR = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Clock clock;
    private final ConcurrentMap<URI, Fetched> kept = new ConcurrentHashMap<>();

    private record Fetched(JsonWebKeySet keys, Instant at) {
    }

    public RemoteJwks(Clock clock) {
        this.clock = clock;
    }

    /** The key {@code kid} of the set at {@code url}, or empty when the set has no such usable key. */
    public Optional<JsonWebKey> key(URI url, String kid) throws JoseException {
        Fetched copy = kept.get(url);
        if (copy != null && copy.at().plus(FRESH_FOR).isAfter(clock.instant())) {
            Optional<JsonWebKey> key = copy.keys().byKid(kid);
            if (key.isPresent()) {
                return key;
            }
        }
        return fetch(url).byKid(kid);
    }

    private JsonWebKeySet fetch(URI url) throws JoseException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new JoseException("the client's JWKS at " + url + " could not be fetched (" + e.getClass()
                .getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JoseException("fetching the client's JWKS at " + url + " was interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new JoseException("the client's JWKS at " + url + " answered HTTP " + response.statusCode());
        }
        JsonWebKeySet keys = JsonWebKeySet.parse(response.body());
        kept.put(url, new Fetched(keys, clock.instant()));
        return keys;
    }
}
