package dev.payeraccess.sandbox.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * An app registered with the plan. Like the seeds' sandbox (not their production), any loopback
 * redirect URI is accepted besides the registered ones, so a Keycloak on a random test port works.
 */
public record RegisteredClient(String clientId, String clientSecret, List<String> redirectUris) {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    public RegisteredClient {
        redirectUris = List.copyOf(redirectUris);
    }

    public boolean acceptsRedirect(String redirectUri) {
        if (redirectUri == null || redirectUri.isBlank()) {
            return false;
        }
        if (redirectUris.contains(redirectUri)) {
            return true;
        }
        try {
            URI uri = new URI(redirectUri);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null
                && LOOPBACK.contains(uri.getHost())
                && uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public boolean authenticates(String clientId, String clientSecret) {
        return this.clientId.equals(clientId) && this.clientSecret.equals(clientSecret);
    }
}
