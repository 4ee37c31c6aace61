package dev.payeraccess.api;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * The app calling this API: a valid access token of this realm in {@code Authorization: Bearer}, whose
 * user session is still active (Keycloak's own bearer check verifies signature, expiry, realm and session; a
 * signature this node verified lately is not computed again, see {@link RememberingSignatureProvider}).
 *
 * @param token the verified access token; its {@code scope} and {@code allowed-origins} decide what the app may do
 */
public record BearerCaller(UserModel user, ClientModel client, UserSessionModel session, AccessToken token) {

    /**
     * Set on the session while Keycloak checks the bearer token here: its {@code RS256} signature may then be one
     * this node verified lately ({@link RememberingSignatureProvider}).
     */
    static final String REMEMBER_SIGNATURES = "payer-access.remember-verified-signatures";

    /**
     * @throws FhirProblemException 401 when the token is missing, invalid, expired, foreign or its session ended
     */
    public static BearerCaller authenticate(KeycloakSession session) throws FhirProblemException {
        AuthResult caller;
        session.setAttribute(REMEMBER_SIGNATURES, Boolean.TRUE);
        try {
            caller = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        } finally {
            session.removeAttribute(REMEMBER_SIGNATURES);
        }
        if (caller == null) {
            throw FhirProblem.unauthenticated("Send an access token of this realm as "
                + "'Authorization: Bearer <token>'; the token is missing, expired, from another realm, or its "
                + "session has ended.").exception();
        }
        // The getters, not the record accessors: AuthResult became a record in Keycloak 26.5, and 26.4 has
        // only the getters (which later versions keep).
        return new BearerCaller(caller.getUser(), caller.getClient(), caller.getSession(), caller.getToken());
    }

    /** The token's {@code scope} claim, empty when it has none. */
    public String scope() {
        return token.getScope() == null ? "" : token.getScope();
    }
}
