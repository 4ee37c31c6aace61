package dev.payeraccess.sandbox.oauth;

import java.util.Optional;

/** Why an authorization request from a known client is refused: what goes back to its redirect URI. */
record AuthorizeProblem(String error, String description) {

    static Optional<AuthorizeProblem> of(String error, String description) {
        return Optional.of(new AuthorizeProblem(error, description));
    }
}
