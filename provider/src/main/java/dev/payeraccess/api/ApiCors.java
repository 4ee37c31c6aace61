package dev.payeraccess.api;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.keycloak.common.util.UriUtils;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;

/**
 * CORS for browser apps (SMART apps are often single-page apps on their own origin), with Keycloak's own
 * rule: a caller's request is allowed from the web origins of the client its token was issued to (the
 * token's {@code allowed-origins}), or from Keycloak's own origin; public answers (directory, metadata,
 * errors before a caller is known) from any origin. Requests without {@code Origin} are untouched.
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
     * Adds the headers for an authenticated caller. The origin is checked here rather than by
     * {@code Cors.checkAllowedOrigins}, which Keycloak added in 26.6 (26.4 and 26.5 only log a refused
     * origin and answer anyway).
     *
     * @throws FhirProblemException 403 when the request's Origin is not a web origin of the token's client
     */
    public static void forCaller(KeycloakSession session, AccessToken token) throws FhirProblemException {
        String origin = session.getContext().getHttpRequest().getHttpHeaders().getHeaderString("Origin");
        if (origin != null && !allowed(session, token, origin)) {
            forAnyone(); // so the browser app can read why
            throw FhirProblem.originRefused("Requests from this page's origin are not "
                + "allowed for client " + token.getIssuedFor() + ": add the origin to the client's Web origins.")
                .exception();
        }
        Cors.builder().auth().allowedMethods(METHODS).exposedHeaders(EXPOSED).allowAllOrigins().add();
    }

    /** Adds the headers for an answer anyone may read. */
    public static void forAnyone() {
        Cors.builder().allowAllOrigins().allowedMethods(METHODS).exposedHeaders(EXPOSED).add();
    }

    private static boolean allowed(KeycloakSession session, AccessToken token, String origin) {
        Set<String> origins = token.getAllowedOrigins();
        return origins != null && (origins.contains(origin) || origins.contains("*"))
            || origin.equals(UriUtils.getOrigin(session.getContext().getUri().getRequestUri()));
    }
}
