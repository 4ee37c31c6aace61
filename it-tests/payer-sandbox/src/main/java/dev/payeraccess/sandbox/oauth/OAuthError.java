package dev.payeraccess.sandbox.oauth;

/** An RFC 6749 error answer: HTTP status, {@code error} code and {@code error_description}. */
final class OAuthError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }
}
