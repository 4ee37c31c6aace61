package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.Track;
import java.util.List;
import java.util.Optional;

/** A validated request to {@code /oauth2/authorize/{system-id}}. */
record AuthorizationRequest(
    RegisteredClient client,
    Track track,
    String redirectUri,
    Optional<String> state,
    List<String> scopes,
    Optional<String> codeChallenge) {

    AuthorizationRequest {
        scopes = List.copyOf(scopes);
    }
}
