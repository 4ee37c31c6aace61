package dev.payeraccess.broker;

import java.util.Optional;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

/** The realm's health plans: identity providers of type {@code payer}. */
public final class PayerPlans {

    private PayerPlans() {
    }

    /** The enabled plan with this alias in the session's realm, if there is one. */
    public static Optional<PayerIdentityProviderConfig> enabled(KeycloakSession session, String alias) {
        IdentityProviderModel model = session.identityProviders().getByAlias(alias);
        return model != null && model.isEnabled() && PayerIdentityProviderFactory.PROVIDER_ID.equals(model.getProviderId())
            ? Optional.of(new PayerIdentityProviderConfig(model)) : Optional.empty();
    }

    /** What members and apps read as the plan's name: its display name, else its alias. */
    public static String displayName(IdentityProviderModel plan) {
        return plan.getDisplayName() == null || plan.getDisplayName().isBlank() ? plan.getAlias() : plan.getDisplayName();
    }
}
