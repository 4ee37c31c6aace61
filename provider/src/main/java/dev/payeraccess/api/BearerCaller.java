package dev.payeraccess.api;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * The app calling this API: a valid access token of this realm in {@code Authorization: Bearer}, whose
 * user session is still active (Keycloak's own bearer check verifies signature, expiry, realm and session).
 */
public final class BearerCaller {

    private BearerCaller() {
    }

    /** @throws FhirProblemException 401 when the token is missing, invalid, expired, foreign or its session ended */
    public static AuthResult authenticate(KeycloakSession session) throws FhirProblemException {
        AuthResult caller = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (caller == null) {
            throw FhirProblem.unauthenticated("Send an access token of this realm as "
                + "'Authorization: Bearer <token>'; the token is missing, expired, from another realm, or its "
                + "session has ended.").exception();
        }
        return caller;
    }
}
