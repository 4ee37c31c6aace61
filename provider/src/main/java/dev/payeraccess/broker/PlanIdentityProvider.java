package dev.payeraccess.broker;

import dev.payeraccess.compat.BrokerCallback;
import dev.payeraccess.plan.MemberPatient;
import dev.payeraccess.plan.PatientSearch;
import dev.payeraccess.plan.PlanConnections;
import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.plan.PlanTokenEndpoint;
import dev.payeraccess.plan.PlanTokenResponse;
import dev.payeraccess.signin.LinkingSession;
import dev.payeraccess.signin.PlanSignInPolicy;
import dev.payeraccess.signin.PlanSignInPolicy.Refusal;
import dev.payeraccess.token.LinkStore;
import dev.payeraccess.token.PlanRevocation;
import dev.payeraccess.token.StoredPlanToken;
import dev.payeraccess.token.TokenBinding;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.AbstractOAuth2IdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.utils.PkceUtils;
import org.keycloak.services.ErrorPage;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;

/**
 * A health plan's OAuth 2.0 server as a Keycloak identity provider. It sends SMART's {@code aud} and
 * PKCE S256 on authorize, redeems the code itself (see {@link PlanCallbackEndpoint}), stores the plan's
 * tokens encrypted on the federated identity link, and never hands those tokens to anyone: apps read
 * the plan's data through the extension's FHIR proxy instead.
 */
public abstract class PlanIdentityProvider extends AbstractOAuth2IdentityProvider<PlanIdentityProviderConfig> {

    private static final Logger LOG = Logger.getLogger(PlanIdentityProvider.class);

    /** Authentication-session note holding this login's PKCE verifier until the plan sends the browser back. */
    static final String PKCE_VERIFIER_NOTE = "payer-access.pkce-verifier";

    /**
     * Linking a plan whose discovered endpoints wait for the administrator's confirmation: the browser is not sent to
     * the authorization endpoint, and no code is redeemed at the token endpoint with the plan's client secret.
     */
    static final Refusal ENDPOINTS_UNCONFIRMED = new Refusal(
        "linking refused: waiting for the administrator to confirm the discovered endpoints",
        "This health plan cannot be connected yet: the organization's administrator is still setting it up. "
            + "Please try again later.");

    public PlanIdentityProvider(KeycloakSession session, PlanIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    protected String getDefaultScopes() {
        return PlanIdentityProviderConfig.DEFAULT_SCOPE_VALUE;
    }

    /**
     * Sends the browser to the plan, unless it is a sign-in through a plan that does not allow it, or the plan's
     * sign-in page is at an address this node does not call ({@link #unreachableSignInPage()}). Keycloak
     * refuses logins through link-only providers itself; this holds whatever the stored flag says (a plan saved
     * before this rule existed, a login started before an administrator turned plan sign-in off).
     */
    @Override
    public Response performLogin(AuthenticationRequest request) {
        AuthenticationSessionModel authSession = request.getAuthenticationSession();
        Optional<Refusal> refusal = beforePlan(LinkingSession.purposeOf(authSession, getConfig().getAlias()));
        if (refusal.isEmpty()) {
            refusal = unreachableSignInPage();
        }
        if (refusal.isPresent()) {
            EventBuilder event = new EventBuilder(session.getContext().getRealm(), session,
                session.getContext().getConnection());
            return refused(authSession, refusal.get(), event);
        }
        return super.performLogin(request);
    }

    /**
     * Why the browser may not go to the plan, or bring a code back from it: endpoints that wait for the
     * administrator's confirmation, or a sign-in through a plan that does not allow it. Asked before the browser is
     * sent to the plan and again before the code it brings back is redeemed (the administrator may have cleared the
     * endpoints meanwhile, which discovers them again, unconfirmed).
     */
    Optional<Refusal> beforePlan(PlanSignInPolicy.Purpose purpose) {
        if (!getConfig().endpointsConfirmed()) {
            return Optional.of(ENDPOINTS_UNCONFIRMED);
        }
        return PlanSignInPolicy.beforePlan(purpose, getConfig().allowsPlanSignIn());
    }

    /**
     * The member's browser would be sent to the plan's {@code authorizationUrl}, and the code it brings back is
     * redeemed at the plan: no linking starts at a plan whose sign-in page is an address this node does not call
     * (a private or loopback address without the development switch), whatever was saved before the rule existed.
     */
    private Optional<Refusal> unreachableSignInPage() {
        String authorizationUrl = getConfig().getAuthorizationUrl();
        if (authorizationUrl == null || authorizationUrl.isBlank()) {
            return Optional.empty();
        }
        return session.getProvider(PlanConnections.class).targets().refusal(authorizationUrl)
            .map(target -> new Refusal("linking not started: the plan's authorizationUrl was refused. "
                + target.toApp(), "This health plan cannot be connected at the moment: it is configured with an "
                    + "address this server does not use. Please tell the administrator."));
    }

    /** Ends a refused plan sign-in on Keycloak's error page, recorded as a failed identity-provider login. */
    Response refused(AuthenticationSessionModel authSession, Refusal refusal, EventBuilder event) {
        String alias = getConfig().getAlias();
        LOG.infof("Health plan %s: %s", alias, refusal.reason());
        event.event(EventType.IDENTITY_PROVIDER_LOGIN)
            .detail(Details.IDENTITY_PROVIDER, alias)
            .detail("reason", refusal.reason())
            .error(Errors.NOT_ALLOWED);
        return ErrorPage.error(session, authSession, Response.Status.FORBIDDEN, refusal.memberMessage());
    }

    /** {@code response_type, client_id, redirect_uri, state}, then scope, aud and PKCE as configured. */
    @Override
    protected UriBuilder createAuthorizationUrl(AuthenticationRequest request) {
        PlanIdentityProviderConfig config = getConfig();
        UriBuilder url = UriBuilder.fromUri(config.getAuthorizationUrl())
            .queryParam("response_type", "code")
            .queryParam("client_id", config.getClientId())
            .queryParam("redirect_uri", request.getRedirectUri())
            .queryParam("state", request.getState().getEncoded());
        String scope = config.authorizationScope();
        if (config.sendsScope() && !scope.isBlank()) {
            url.queryParam("scope", scope);
        }
        if (config.sendsAudience()) {
            url.queryParam("aud", config.fhirBaseUrl().orElseThrow());
        }
        if (config.isPkceEnabled()) {
            String verifier = PkceUtils.generateCodeVerifier();
            request.getAuthenticationSession().setClientNote(PKCE_VERIFIER_NOTE, verifier);
            url.queryParam("code_challenge", PkceUtils.encodeCodeChallenge(verifier, "S256"))
                .queryParam("code_challenge_method", "S256");
        }
        return url;
    }

    /**
     * {@code /realms/{realm}/broker/{alias}/endpoint}. Each subclass overrides Keycloak's {@code callback}
     * with the callback type its Keycloak version has, and hands the steps over here.
     */
    protected Object callbackEndpoint(RealmModel realm, BrokerCallback callback, EventBuilder event) {
        return new PlanCallbackEndpoint(session, realm, this, callback, event);
    }

    /**
     * Redeems the code and builds the identity Keycloak links: the member's Patient id is the link's user id,
     * so relinking the same member updates the same link.
     */
    BrokeredIdentityContext link(String code, String redirectUri, AuthenticationSessionModel authSession)
        throws PlanProblem, MemberNotNamed {
        PlanEndpoints plan = getConfig().endpoints();
        PlanProfile profile = getConfig().profile();
        Optional<String> verifier = Optional.ofNullable(authSession.getClientNote(PKCE_VERIFIER_NOTE));
        PlanTokenResponse tokens = new PlanTokenEndpoint(session, plan).redeem(code, redirectUri, verifier);
        MemberPatient.Outcome member = MemberPatient.find(profile.patientSources(), tokens,
            () -> new PatientSearch(session, plan).patientIds(tokens.accessToken()));
        if (!(member instanceof MemberPatient.Named named)) {
            // Nothing will hold these tokens: revoked now rather than left valid at the plan.
            PlanRevocation.revoke(session, plan, Optional.of(StoredPlanToken.linked(tokens, "", Instant.now(),
                TokenBinding.of(plan))));
            throw new MemberNotNamed(getConfig().getAlias(), profile.patientSources(), member);
        }
        String patient = named.patientId();
        BrokeredIdentityContext identity = new BrokeredIdentityContext(patient, getConfig());
        identity.setUsername(patient);
        identity.setBrokerUserId(getConfig().getAlias() + "." + patient);
        new LinkStore(session, session.getContext().getRealm()).carry(identity,
            StoredPlanToken.linked(tokens, patient, Instant.now(), TokenBinding.of(plan), profile.refreshTokens())
                .patientFoundIn(named.source()));
        return identity; // the subclass's callback sets the identity provider, whose type differs by version
    }

    /**
     * The base class would keep the plan's raw access token as a user-session note, where a "User Session
     * Note" mapper could copy it into Keycloak's own tokens. Nothing is kept.
     */
    @Override
    public void authenticationFinished(AuthenticationSessionModel authSession, BrokeredIdentityContext context) {
        // Deliberately empty.
    }

    /** Keycloak's broker token endpoint (identity brokering API v1). */
    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity) {
        return tokensNeverLeave();
    }

    /** Keycloak's broker token endpoint (identity brokering API v2). */
    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity,
                                  UserSessionModel userSession, UserModel user) {
        return tokensNeverLeave();
    }

    /** Token exchange to this provider's token (legacy token exchange). */
    @Override
    public Response exchangeFromToken(UriInfo uriInfo, EventBuilder event, ClientModel authorizedClient,
                                      UserSessionModel tokenUserSession, UserModel tokenSubject,
                                      MultivaluedMap<String, String> params) {
        return tokensNeverLeave();
    }

    static Response tokensNeverLeave() {
        String body = JsonSerialization.mapper.createObjectNode()
            .put("error", "access_denied")
            .put("error_description", "Health-plan tokens are kept by keycloak-payer-access and never handed out. "
                + "Read the plan's data through /realms/{realm}/payer-access/fhir/{alias}/ with your Keycloak token.")
            .toString();
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
