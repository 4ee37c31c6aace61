package dev.payeraccess.signin;

import dev.payeraccess.signin.PlanSignInPolicy.Purpose;
import org.keycloak.services.resources.IdentityBrokerService;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Tells a login through a plan from the linking of a plan to a signed-in account. */
public final class LinkingSession {

    private LinkingSession() {
    }

    /**
     * Keycloak (26.4 to 26.7) marks every linking login (account console, the {@code idp_link} action the picker
     * and apps use, {@code /broker/{alias}/link}) with this authentication-session note: the parent session's id,
     * the client id and the alias. Its broker checks the note exactly so before it links instead of signing in;
     * this reads it the same way and never removes it.
     */
    public static Purpose purposeOf(AuthenticationSessionModel authSession, String alias) {
        String note = authSession.getAuthNote(IdentityBrokerService.LINKING_IDENTITY_PROVIDER);
        String linking = authSession.getParentSession().getId() + authSession.getClient().getClientId() + alias;
        return linking.equals(note) ? Purpose.LINK : Purpose.SIGN_IN;
    }
}
