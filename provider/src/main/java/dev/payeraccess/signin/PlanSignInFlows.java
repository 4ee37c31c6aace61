package dev.payeraccess.signin;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * The two authentication flows a plan that allows sign-in runs, created in the realm the first time a plan
 * needs them and then left alone, so an administrator may adjust them (add WebAuthn as a password, say) like
 * any flow of their own.
 *
 * <p>{@value #VERIFY_ACCOUNT} is the plan's post-broker-login flow, which Keycloak runs after every login
 * through the plan, also for a member whose link already exists, when its first-broker-login flow never
 * runs: the account's own password, then its second factor when it has one; only an account this very
 * sign-in created passes without. {@value #FIRST_LOGIN} is the plan's first-broker-login flow: it creates a
 * new account and never links an existing one (no email verification, no automatic linking by email or
 * username), and a new account is asked to choose a password.
 */
public final class PlanSignInFlows {

    static final String VERIFY_ACCOUNT = "health plan sign-in: verify account";
    static final String FIRST_LOGIN = "health plan sign-in: first login";
    static final String OWN_CREDENTIALS = VERIFY_ACCOUNT + " - own credentials";
    static final String SECOND_FACTOR = VERIFY_ACCOUNT + " - second factor";

    /** Ids of Keycloak's own authenticators, unchanged across 26.x. */
    private static final String PASSWORD_FORM = "auth-password-form";
    private static final String OTP_FORM = "auth-otp-form";
    private static final String WEBAUTHN = "webauthn-authenticator";
    private static final String USER_CONFIGURED = "conditional-user-configured";
    private static final String REVIEW_PROFILE = "idp-review-profile";
    private static final String CREATE_USER_IF_UNIQUE = "idp-create-user-if-unique";
    /** Options of Keycloak's review-profile and create-user authenticators (their factories' constants). */
    private static final String UPDATE_PROFILE_ON_FIRST_LOGIN = "update.profile.on.first.login";
    private static final String REQUIRE_PASSWORD_UPDATE_AFTER_REGISTRATION =
        "require.password.update.after.registration";

    /** @param firstLogin id of {@value #FIRST_LOGIN} @param verifyAccount id of {@value #VERIFY_ACCOUNT} */
    public record Ids(String firstLogin, String verifyAccount) {
    }

    private final RealmModel realm;

    private PlanSignInFlows(RealmModel realm) {
        this.realm = realm;
    }

    /** The ids of both flows in {@code realm}, each created if the realm has no flow of that alias. */
    public static Ids ensureIn(RealmModel realm) {
        PlanSignInFlows flows = new PlanSignInFlows(realm);
        return new Ids(flows.existing(FIRST_LOGIN).orElseGet(flows::createFirstLogin).getId(),
            flows.existing(VERIFY_ACCOUNT).orElseGet(flows::createVerifyAccount).getId());
    }

    private Optional<AuthenticationFlowModel> existing(String alias) {
        return Optional.ofNullable(realm.getFlowByAlias(alias));
    }

    private AuthenticationFlowModel createFirstLogin() {
        AuthenticationFlowModel flow = topLevelFlow(FIRST_LOGIN, "First sign-in through a health plan that allows "
            + "it (keycloak-payer-access): review the profile, then create a new account that must choose a "
            + "password. An existing account is never linked here: its owner signs in and connects the plan.");
        execution(flow, REVIEW_PROFILE, Requirement.REQUIRED, 10,
            config(FIRST_LOGIN + " - review profile", Map.of(UPDATE_PROFILE_ON_FIRST_LOGIN, "missing")));
        // REQUIRED: when the username or email belongs to an account already, Keycloak stops with "already exists,
        // sign in and link it" instead of going on to a flow that could link it.
        execution(flow, CREATE_USER_IF_UNIQUE, Requirement.REQUIRED, 20,
            config(FIRST_LOGIN + " - create user", Map.of(REQUIRE_PASSWORD_UPDATE_AFTER_REGISTRATION, "true")));
        return flow;
    }

    private AuthenticationFlowModel createVerifyAccount() {
        AuthenticationFlowModel flow = topLevelFlow(VERIFY_ACCOUNT, "Runs after every sign-in through a health plan "
            + "that allows it (keycloak-payer-access): an existing account is entered only with its own password "
            + "and, when it has one, its second factor. A plan's member check is no password for the account.");
        execution(flow, PlanSignInNewAccountFactory.PROVIDER_ID, Requirement.ALTERNATIVE, 10, null);
        AuthenticationFlowModel own = subflow(flow, OWN_CREDENTIALS, Requirement.ALTERNATIVE, 20,
            "The account's own password, then its second factor when it has one.");
        // An account without a password cannot pass: Keycloak does not let a required password form set one up.
        execution(own, PASSWORD_FORM, Requirement.REQUIRED, 10, null);
        AuthenticationFlowModel second = subflow(own, SECOND_FACTOR, Requirement.CONDITIONAL, 20,
            "The account's one-time code or security key, when it has one.");
        execution(second, USER_CONFIGURED, Requirement.REQUIRED, 10, null);
        execution(second, OTP_FORM, Requirement.ALTERNATIVE, 20, null);
        execution(second, WEBAUTHN, Requirement.ALTERNATIVE, 30, null);
        return flow;
    }

    private AuthenticationFlowModel topLevelFlow(String alias, String description) {
        AuthenticationFlowModel flow = flowModel(alias, description);
        flow.setTopLevel(true);
        return realm.addAuthenticationFlow(flow);
    }

    private static AuthenticationFlowModel flowModel(String alias, String description) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setBuiltIn(false);
        return flow;
    }

    private AuthenticationFlowModel subflow(AuthenticationFlowModel parent, String alias, Requirement requirement,
                                            int priority, String description) {
        AuthenticationFlowModel flow = realm.addAuthenticationFlow(flowModel(alias, description));
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setParentFlow(parent.getId());
        execution.setFlowId(flow.getId());
        execution.setAuthenticatorFlow(true);
        execution.setRequirement(requirement);
        execution.setPriority(priority);
        realm.addAuthenticatorExecution(execution);
        return flow;
    }

    private void execution(AuthenticationFlowModel parent, String authenticator, Requirement requirement, int priority,
                           String configId) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setParentFlow(parent.getId());
        execution.setAuthenticator(authenticator);
        execution.setAuthenticatorFlow(false);
        execution.setRequirement(requirement);
        execution.setPriority(priority);
        execution.setAuthenticatorConfig(configId);
        realm.addAuthenticatorExecution(execution);
    }

    private String config(String alias, Map<String, String> values) {
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setAlias(alias);
        config.setConfig(new HashMap<>(values));
        return realm.addAuthenticatorConfig(config).getId();
    }
}
