package dev.payeraccess.sandbox.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.oauth.AccessGrant;
import dev.payeraccess.sandbox.oauth.AccessTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty on a free port with nothing but the FHIR API on it, and an in-memory token store the tests issue
 * grants from. The token store honours expiry the way the sandbox's real one does.
 */
final class FhirSandbox implements AutoCloseable {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    private final Server server;
    private final Map<String, AccessGrant> grants = new ConcurrentHashMap<>();
    private final SandboxControls controls = new SandboxControls();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    private FhirSandbox() throws Exception {
        server = new Server(0);
        ServletContextHandler context = new ServletContextHandler("/");
        AccessTokens tokens = token -> Optional.ofNullable(grants.get(token))
            .filter(grant -> grant.expiresAt().isAfter(Instant.now()));
        FhirEndpoints.register(context, tokens, controls);
        server.setHandler(context);
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        base = "http://localhost:" + port + "/r4";
    }

    static FhirSandbox start() throws Exception {
        return new FhirSandbox();
    }

    String base() {
        return base;
    }

    SandboxControls controls() {
        return controls;
    }

    /** A token for {@code member} on {@code track}; with no scopes given, everything may be read. */
    String issue(TestMember member, Track track, String... scopes) {
        Set<String> granted = scopes.length == 0 ? Set.of("patient/*.read") : Set.of(scopes);
        return issue(new AccessGrant(member, track, granted, Instant.now().plus(Duration.ofHours(1))));
    }

    String issue(AccessGrant grant) {
        String token = UUID.randomUUID().toString();
        grants.put(token, grant);
        return token;
    }

    IGenericClient client(String token) {
        IGenericClient client = FHIR.newRestfulGenericClient(base);
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    /** A GET of {@code pathAndQuery} below the base (or of an absolute URL), without an Accept header. */
    HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        return http.send(request(pathAndQuery, token), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<InputStream> stream(String pathAndQuery, String token) throws IOException, InterruptedException {
        return http.send(request(pathAndQuery, token), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest request(String pathAndQuery, String token) {
        String url = pathAndQuery.startsWith("http") ? pathAndQuery : base + pathAndQuery;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
