package dev.payeraccess.api;

import jakarta.ws.rs.core.Response;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;

/**
 * CORS for browser apps (SMART apps are often single-page apps on their own origin), with Keycloak's own
 * rules: a caller's request is allowed from the web origins of the client its token was issued to (the
 * token's {@code allowed-origins}); public answers (directory, metadata, errors before a caller is known)
 * from any origin. Requests without {@code Origin} are untouched.
 */
public final class ApiCors {

    private static final String[] METHODS = {"GET", "HEAD", "POST", "DELETE", "OPTIONS"};
    private static final String[] EXPOSED = {"ETag", "Last-Modified", "WWW-Authenticate", "Link"};

    private ApiCors() {
    }

    /** Answers a preflight request. */
    public static Response preflight() {
        return Cors.builder().auth().preflight().allowedMethods(METHODS).add(Response.ok());
    }

    /**
     * Adds the headers for an authenticated caller.
     *
     * @throws jakarta.ws.rs.ForbiddenException when the request's Origin is not a web origin of the token's client
     */
    public static void forCaller(AccessToken token) {
        Cors.builder().auth().allowedMethods(METHODS).exposedHeaders(EXPOSED).checkAllowedOrigins(token).add();
    }

    /** Adds the headers for an answer anyone may read. */
    public static void forAnyone() {
        Cors.builder().allowAllOrigins().allowedMethods(METHODS).exposedHeaders(EXPOSED).add();
    }
}
