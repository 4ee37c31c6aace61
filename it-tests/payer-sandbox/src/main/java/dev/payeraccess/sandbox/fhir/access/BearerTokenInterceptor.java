package dev.payeraccess.sandbox.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.oauth.AccessGrant;
import dev.payeraccess.sandbox.oauth.AccessTokens;
import java.util.Locale;

/**
 * Admits a FHIR request only with a bearer token the sandbox issued, and only for what its scopes allow per
 * resource type: a read by id needs SMART v1 {@code .read} or v2 {@code r}, a search v1 {@code .read} or v2
 * {@code s}. The capability statement stays public, as SMART clients read it before they have a token.
 * Runs before HAPI picks a handler, so unauthorized callers learn nothing, not even which paths exist.
 */
@Interceptor
public final class BearerTokenInterceptor {

    private static final String BEARER_PREFIX = "bearer ";

    private final AccessTokens tokens;
    private final SandboxControls controls;

    public BearerTokenInterceptor(AccessTokens tokens, SandboxControls controls) {
        this.tokens = tokens;
        this.controls = controls;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    public boolean authorize(RequestDetails request) {
        if (isCapabilityStatement(request)) {
            return true;
        }
        AccessGrant grant = tokens.lookup(bearerToken(request)).orElseThrow(BearerChallenge::invalidToken);
        String resourceType = request.getResourceName();
        if (resourceType != null) {
            checkScopes(grant, request, resourceType);
        }
        CallerGrant.attach(request, grant);
        return true;
    }

    private static void checkScopes(AccessGrant grant, RequestDetails request, String resourceType) {
        if (isInstance(request) && !grant.canRead(resourceType)) {
            throw BearerChallenge.insufficientScope("reading", resourceType);
        }
        if (!isInstance(request) && !grant.canSearch(resourceType)) {
            throw BearerChallenge.insufficientScope("searching", resourceType);
        }
    }

    /** {@code /Type/id} and below (read, vread); anything else on a type is a search. */
    private static boolean isInstance(RequestDetails request) {
        return request.getId() != null && request.getId().hasIdPart();
    }

    private static boolean isCapabilityStatement(RequestDetails request) {
        return request.getRequestType() == RequestTypeEnum.GET && "metadata".equals(request.getRequestPath());
    }

    private String bearerToken(RequestDetails request) {
        String authorization = request.getHeader("Authorization");
        if ((authorization == null || authorization.isBlank()) && controls.anonymousCallersToken().isPresent()) {
            return controls.anonymousCallersToken().get();
        }
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER_PREFIX)) {
            throw BearerChallenge.missingToken();
        }
        String token = authorization.substring(BEARER_PREFIX.length()).trim();
        if (token.isEmpty()) {
            throw BearerChallenge.invalidToken();
        }
        return token;
    }
}
