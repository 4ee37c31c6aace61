package dev.payeraccess.sandbox.fhir.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import dev.payeraccess.sandbox.oauth.AccessGrant;

/** The access grant a request was authorized with, carried on HAPI's request for the providers to scope by. */
public final class CallerGrant {

    private static final String KEY = CallerGrant.class.getName();

    private CallerGrant() {
    }

    static void attach(RequestDetails request, AccessGrant grant) {
        request.getUserData().put(KEY, grant);
    }

    /**
     * The grant {@link BearerTokenInterceptor} attached. Its absence means the request bypassed
     * authorization, so it is refused rather than served unscoped.
     */
    public static AccessGrant of(RequestDetails request) {
        if (request.getUserData().get(KEY) instanceof AccessGrant grant) {
            return grant;
        }
        throw new AuthenticationException("This request was not authorized");
    }
}
