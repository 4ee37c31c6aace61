package dev.payeraccess.sandbox.jose;

/** A JWS, JWK or JWKS the sandbox cannot use. The message says why and never contains the token itself. */
public final class JoseException extends Exception {

    private static final long serialVersionUID = 1L;

    public JoseException(String message) {
        super(message);
    }

    public JoseException(String message, Throwable cause) {
        super(message, cause);
    }
}
