package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.SandboxControls;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the query of {@code /oauth2/authorize/{system-id}} the way the seeds' plan does, with the quirks
 * {@link SandboxControls} switches on.
 */
final class AuthorizationRequests {

    private static final String PER_RESOURCE_EXAMPLE =
        "patient/Patient.read patient/Coverage.read patient/ExplanationOfBenefit.read";

    /** Non-resource scopes the plan understands (seeds: {@code openid}, {@code launch/patient}). */
    private static final Set<String> PLAIN_SCOPES =
        Set.of("openid", "fhirUser", "profile", "email", "offline_access", "launch/patient");

    private final RegisteredClients clients;
    private final SandboxControls controls;

    AuthorizationRequests(RegisteredClients clients, SandboxControls controls) {
        this.clients = clients;
        this.controls = controls;
    }

    /**
     * @param fhirBaseUrl the plan's FHIR base as seen by this request, which a SMART {@code aud} must name
     */
    AuthorizeDecision check(Track track, Map<String, String> query, String fhirBaseUrl) {
        Optional<RegisteredClient> client = Optional.ofNullable(query.get("client_id")).flatMap(clients::byId);
        if (client.isEmpty()) {
            return new AuthorizeDecision.Refuse("Unknown client_id. Register the app with the plan and use its "
                + "client id.");
        }
        String redirectUri = query.get("redirect_uri");
        if (!client.get().acceptsRedirect(redirectUri)) {
            return new AuthorizeDecision.Refuse(
                "redirect_uri is missing or not registered for this client. Use one of its registered redirect URIs.");
        }
        Optional<String> state = Optional.ofNullable(query.get("state"));
        Optional<AuthorizeProblem> problem = firstProblem(query, fhirBaseUrl);
        if (problem.isPresent()) {
            return new AuthorizeDecision.RedirectError(redirectUri, problem.get().error(),
                problem.get().description(), state);
        }
        List<String> scopes = scopes(track, query.get("scope"));
        return new AuthorizeDecision.Verify(new AuthorizationRequest(client.get(), track, redirectUri, state,
            scopes, Optional.ofNullable(query.get("code_challenge"))));
    }

    /** The first problem, or empty when the request is fine. */
    private Optional<AuthorizeProblem> firstProblem(Map<String, String> query, String fhirBaseUrl) {
        return responseTypeProblem(query)
            .or(() -> scopeProblem(query.get("scope")))
            .or(() -> wildcardProblem(query.get("scope")))
            .or(() -> pkceProblem(query))
            .or(() -> AuthorizeAudience.problem(controls.audience(), Optional.ofNullable(query.get("aud")),
                fhirBaseUrl));
    }

    private static Optional<AuthorizeProblem> responseTypeProblem(Map<String, String> query) {
        if (!"code".equals(query.get("response_type"))) {
            return AuthorizeProblem.of("unsupported_response_type", "Only response_type=code is supported.");
        }
        return Optional.empty();
    }

    private static Optional<AuthorizeProblem> scopeProblem(String scope) {
        Optional<String> badScope = Arrays.stream(scopeText(scope).split(" "))
            .filter(s -> !s.isEmpty() && !isKnownScope(s)).findFirst();
        if (badScope.isPresent()) {
            return AuthorizeProblem.of("invalid_scope", "Scope '" + badScope.get() + "' is not offered by this plan.");
        }
        return Optional.empty();
    }

    /** Only when {@link SandboxControls#wildcardScopesRefused()}: the track's default scope is a wildcard too. */
    private Optional<AuthorizeProblem> wildcardProblem(String scope) {
        if (!controls.wildcardScopesRefused()) {
            return Optional.empty();
        }
        if (scopeText(scope).isEmpty()) {
            return AuthorizeProblem.of("invalid_scope", "scope is required: this plan grants no default scope. "
                + "Ask for each resource type, e.g. " + PER_RESOURCE_EXAMPLE + ".");
        }
        Optional<String> wildcard = Arrays.stream(scopeText(scope).split(" ")).filter(SmartScope::isWildcard)
            .findFirst();
        return wildcard.flatMap(w -> AuthorizeProblem.of("invalid_scope", "This plan does not grant wildcard "
            + "scopes such as " + w + ". Ask for each resource type, e.g. " + PER_RESOURCE_EXAMPLE + "."));
    }

    private static Optional<AuthorizeProblem> pkceProblem(Map<String, String> query) {
        String challenge = query.get("code_challenge");
        String method = query.get("code_challenge_method");
        if (challenge == null && method != null) {
            return AuthorizeProblem.of("invalid_request", "code_challenge_method was sent without code_challenge.");
        }
        if (challenge != null && !"S256".equals(method)) {
            return AuthorizeProblem.of("invalid_request", "Only PKCE code_challenge_method=S256 is supported.");
        }
        if (challenge != null && !Pkce.isValidChallenge(challenge)) {
            return AuthorizeProblem.of("invalid_request",
                "code_challenge must be a base64url SHA-256 (43 characters).");
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
}
