package dev.payeraccess.sandbox.oauth;

import java.util.Optional;

/** The outcome of checking an authorization request, per RFC 6749 4.1.2.1. */
sealed interface AuthorizeDecision {

    /** Valid: show the member verification page. */
    record Verify(AuthorizationRequest request) implements AuthorizeDecision {
    }

    /** The client or redirect URI cannot be trusted: show an error page and never redirect. */
    record Refuse(String message) implements AuthorizeDecision {
    }

    /** The client is known and the redirect URI registered: send the error back to the app. */
    record RedirectError(String redirectUri, String error, String description, Optional<String> state)
        implements AuthorizeDecision {
    }
}
