package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.Track;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks the query of {@code /oauth2/authorize/{system-id}} the way the seeds' plan does. */
final class AuthorizationRequests {

    /** Non-resource scopes the plan understands (seeds: {@code openid}, {@code launch/patient}). */
    private static final Set<String> PLAIN_SCOPES =
        Set.of("openid", "fhirUser", "profile", "email", "offline_access", "launch/patient");

    private final RegisteredClients clients;

    AuthorizationRequests(RegisteredClients clients) {
        this.clients = clients;
    }

    /**
     * @param fhirBaseUrl the plan's FHIR base as seen by this request, which a SMART {@code aud} must name
     */
    AuthorizeDecision check(Track track, Map<String, String> query, String fhirBaseUrl) {
        Optional<RegisteredClient> client = Optional.ofNullable(query.get("client_id")).flatMap(clients::byId);
        if (client.isEmpty()) {
            return new AuthorizeDecision.Refuse("Unknown client_id. Register the app with the plan and use its client id.");
        }
        String redirectUri = query.get("redirect_uri");
        if (!client.get().acceptsRedirect(redirectUri)) {
            return new AuthorizeDecision.Refuse(
                "redirect_uri is missing or not registered for this client. Use one of its registered redirect URIs.");
        }
        Optional<String> state = Optional.ofNullable(query.get("state"));
        Optional<Problem> problem = firstProblem(query, fhirBaseUrl);
        if (problem.isPresent()) {
            return new AuthorizeDecision.RedirectError(redirectUri, problem.get().error(),
                problem.get().description(), state);
        }
        List<String> scopes = scopes(track, query.get("scope"));
        return new AuthorizeDecision.Verify(new AuthorizationRequest(client.get(), track, redirectUri, state,
            scopes, Optional.ofNullable(query.get("code_challenge"))));
    }

    private record Problem(String error, String description) {
        static Optional<Problem> of(String error, String description) {
            return Optional.of(new Problem(error, description));
        }
    }

    /** The first problem, or empty when the request is fine. */
    private static Optional<Problem> firstProblem(Map<String, String> query, String fhirBaseUrl) {
        if (!"code".equals(query.get("response_type"))) {
            return Problem.of("unsupported_response_type", "Only response_type=code is supported.");
        }
        Optional<String> badScope = Arrays.stream(scopeText(query.get("scope")).split(" "))
            .filter(s -> !s.isEmpty() && !isKnownScope(s)).findFirst();
        if (badScope.isPresent()) {
            return Problem.of("invalid_scope", "Scope '" + badScope.get() + "' is not offered by this plan.");
        }
        String challenge = query.get("code_challenge");
        String method = query.get("code_challenge_method");
        if (challenge == null && method != null) {
            return Problem.of("invalid_request", "code_challenge_method was sent without code_challenge.");
        }
        if (challenge != null && !"S256".equals(method)) {
            return Problem.of("invalid_request", "Only PKCE code_challenge_method=S256 is supported.");
        }
        if (challenge != null && !Pkce.isValidChallenge(challenge)) {
            return Problem.of("invalid_request", "code_challenge must be a base64url SHA-256 (43 characters).");
        }
        String aud = query.get("aud");
        if (aud != null && !sameBase(aud, fhirBaseUrl)) {
            return Problem.of("invalid_request", "aud must be this plan's FHIR base URL " + fhirBaseUrl + ".");
        }
        return Optional.empty();
    }

    private static List<String> scopes(Track track, String requested) {
        String text = scopeText(requested);
        return List.of((text.isEmpty() ? track.defaultScope() : text).split(" "));
    }

    private static String scopeText(String scope) {
        return scope == null ? "" : scope.trim().replaceAll("\\s+", " ");
    }

    private static boolean isKnownScope(String scope) {
        return PLAIN_SCOPES.contains(scope)
            || SmartScope.isResourceScope(scope) && !scope.startsWith("system/");
    }

    /** Loopback names are interchangeable: the browser and Keycloak may spell the sandbox differently. */
    private static boolean sameBase(String aud, String fhirBaseUrl) {
        try {
            URI a = URI.create(stripSlash(aud));
            URI b = URI.create(stripSlash(fhirBaseUrl));
            return a.getScheme().equals(b.getScheme()) && a.getPort() == b.getPort()
                && a.getPath().equals(b.getPath()) && sameHost(a.getHost(), b.getHost());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean sameHost(String a, String b) {
        Set<String> loopback = Set.of("localhost", "127.0.0.1", "[::1]");
        return a.equalsIgnoreCase(b) || loopback.contains(a) && loopback.contains(b);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
