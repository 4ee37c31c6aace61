package dev.payeraccess.signin;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The first alternative of {@value PlanSignInFlows#VERIFY_ACCOUNT}: lets through an account this very sign-in
 * through the plan created (it has no password or second factor yet to ask for, and the first-login flow
 * makes it choose a password); for any other account it steps aside, and the next alternative asks for the
 * account's own credentials.
 */
final class PlanSignInNewAccount implements Authenticator {

    /**
     * Authentication-session notes Keycloak's broker sets (26.4 to 26.7): Create User If Unique on the account it
     * created, and the broker before the post-broker-login flow that follows a first-broker-login flow.
     */
    static final String REGISTERED_NEW_USER = "BROKER_REGISTERED_NEW_USER";
    static final String AFTER_FIRST_BROKER_LOGIN = "PBL_AFTER_FIRST_BROKER_LOGIN";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (createdByThisSignIn(context.getAuthenticationSession(), context.getUser())) {
            context.success();
        } else {
            context.attempted();
        }
    }

    /**
     * Both notes, and an account with no credential at all yet: an account that has a password or a second
     * factor is never let through here, whatever a session note says.
     */
    private static boolean createdByThisSignIn(AuthenticationSessionModel authSession, UserModel user) {
        return Boolean.parseBoolean(authSession.getAuthNote(REGISTERED_NEW_USER))
            && Boolean.parseBoolean(authSession.getAuthNote(AFTER_FIRST_BROKER_LOGIN))
            && user != null
            && user.credentialManager().getStoredCredentialsStream().findAny().isEmpty();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // Shows no form.
    }

    /** Reads the session only: choosing it under "Try another way" can never stand in for a credential. */
    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // None.
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
