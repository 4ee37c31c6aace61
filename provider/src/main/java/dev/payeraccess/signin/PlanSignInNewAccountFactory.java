package dev.payeraccess.signin;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Registers {@link PlanSignInNewAccount} as the authenticator "Health plan sign-in: account created by this
 * sign-in", used by the {@value PlanSignInFlows#VERIFY_ACCOUNT} flow.
 */
public final class PlanSignInNewAccountFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "payer-plan-sign-in-new-account";

    private static final PlanSignInNewAccount INSTANCE = new PlanSignInNewAccount();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Health plan sign-in: account created by this sign-in";
    }

    @Override
    public String getHelpText() {
        return "Succeeds only when this very sign-in through a health plan created the account. Any other account "
            + "goes on to the next alternative, which must ask for the account's own credentials.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public void init(Config.Scope config) {
        // No options.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to prepare.
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
