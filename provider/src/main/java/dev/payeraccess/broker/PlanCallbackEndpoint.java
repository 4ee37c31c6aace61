package dev.payeraccess.broker;

import dev.payeraccess.compat.BrokerCallback;
import dev.payeraccess.plan.PlanErrorHints;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.signin.LinkingSession;
import dev.payeraccess.signin.PlanSignInPolicy;
import dev.payeraccess.signin.PlanSignInPolicy.Purpose;
import dev.payeraccess.signin.PlanSignInPolicy.Refusal;
import dev.payeraccess.token.LinkStore;
import dev.payeraccess.token.PlanRevocation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.Urls;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code /realms/{realm}/broker/{alias}/endpoint}: where the plan sends the browser back. Unlike the
 * generic OAuth broker it never logs the plan's answers, and every failure ends on Keycloak's error page
 * with a sentence the member understands and no link stored.
 */
public final class PlanCallbackEndpoint {

    private static final Logger LOG = Logger.getLogger(PlanCallbackEndpoint.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PlanIdentityProvider provider;
    private final Function<String, AuthenticationSessionModel> verifiedSession;
    private final Function<BrokeredIdentityContext, Response> authenticated;
    private final EventBuilder event;

    PlanCallbackEndpoint(KeycloakSession session, RealmModel realm, PlanIdentityProvider provider,
                          BrokerCallback callback, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.provider = provider;
        this.verifiedSession = callback.verifiedSession();
        this.authenticated = callback.authenticated();
        this.event = event;
    }

    /**
     * The plan's redirect after the member verified (with {@code code}) or did not (with {@code error}).
     *
     * @return the next step of Keycloak's login or linking flow, or its error page
     */
    @GET
    public Response authResponse(@QueryParam("state") String state, @QueryParam("code") String code,
                                 @QueryParam("error") String error) {
        if (state == null) {
            return failed(null, Response.Status.BAD_REQUEST,
                "The health plan sent you back without the state of this request. Please start again from the app.",
                "callback without state");
        }
        AuthenticationSessionModel authSession;
        try {
            authSession = verifiedSession.apply(state);
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
        session.getContext().setAuthenticationSession(authSession);
        Purpose purpose = LinkingSession.purposeOf(authSession, provider.getConfig().getAlias());
        // Checked before the code is redeemed: a refused sign-in never fetches the member's tokens, and nothing goes
        // to a token endpoint the administrator has not confirmed. Keycloak 26.4's broker does not check link-only
        // providers on this callback at all; 26.5+ does, after us.
        Optional<Refusal> refusal = provider.beforePlan(purpose);
        if (refusal.isPresent()) {
            return provider.refused(authSession, refusal.get(), event);
        }
        if (error != null) {
            return failed(authSession, Response.Status.BAD_REQUEST, "access_denied".equals(error)
                ? "You did not allow sharing your health plan data, so nothing was linked."
                : "The health plan did not complete the connection. Please try again later.",
                "plan returned error " + (error.matches("[a-z_]{1,40}") ? error : "(non-standard)")
                    + PlanErrorHints.authorize(error).map(hint -> ": " + hint).orElse(""));
        }
        if (code == null) {
            return failed(authSession, Response.Status.BAD_REQUEST,
                "The health plan sent you back without an authorization code. Please start again from the app.",
                "callback without code");
        }
        return redeem(code, purpose, authSession);
    }

    /** Redeems the code, then hands the member to Keycloak's flow unless the plan sign-in rule refuses them. */
    private Response redeem(String code, Purpose purpose, AuthenticationSessionModel authSession) {
        PlanIdentityProviderConfig plan = provider.getConfig();
        try {
            String redirectUri = Urls.identityProviderAuthnResponse(session.getContext().getUri().getBaseUri(),
                plan.getAlias(), realm.getName()).toString();
            BrokeredIdentityContext identity = provider.link(code, redirectUri, authSession);
            Optional<Refusal> refusal = PlanSignInPolicy.forMember(purpose, plan.allowsPlanSignIn(),
                hasAccount(identity), realm.isRegistrationAllowed());
            if (refusal.isPresent()) {
                // The member's tokens were issued but nothing will hold them: revoked rather than left valid.
                PlanRevocation.revoke(session, plan.endpoints(), new LinkStore(session, realm).carried(identity));
                return provider.refused(authSession, refusal.get(), event);
            }
            identity.setAuthenticationSession(authSession);
            return authenticated.apply(identity);
        } catch (PlanProblem e) {
            // A refused code is still the plan failing the member: the page answers as a gateway would.
            int status = e.status() < 500 ? 502 : e.status();
            return failed(authSession, Response.Status.fromStatusCode(status), e.memberMessage(), e.getMessage());
        } catch (MemberNotNamed e) {
            return failed(authSession, Response.Status.BAD_GATEWAY, e.memberMessage(), e.getMessage());
        }
    }

    /** Whether a Keycloak user already linked this member of the plan. */
    private boolean hasAccount(BrokeredIdentityContext identity) {
        FederatedIdentityModel link = new FederatedIdentityModel(provider.getConfig().getAlias(), identity.getId(),
            identity.getUsername());
        return session.users().getUserByFederatedIdentity(realm, link) != null;
    }

    private Response failed(AuthenticationSessionModel authSession, Response.Status status, String memberMessage,
                            String logMessage) {
        LOG.warnf("Linking health plan %s failed: %s", provider.getConfig().getAlias(), logMessage);
        event.event(EventType.IDENTITY_PROVIDER_LOGIN)
            .detail("identity_provider", provider.getConfig().getAlias())
            .detail("reason", logMessage)
            .error(Errors.IDENTITY_PROVIDER_ERROR);
        return ErrorPage.error(session, authSession, status, memberMessage);
    }
}
