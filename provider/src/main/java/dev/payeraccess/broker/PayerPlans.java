package dev.payeraccess.broker;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

/** The realm's health plans: identity providers of type {@code payer}. */
public final class PayerPlans {

    private PayerPlans() {
    }

    /** The plan with this alias in the session's realm, enabled or not; empty for other identity providers. */
    public static Optional<PayerIdentityProviderConfig> byAlias(KeycloakSession session, String alias) {
        IdentityProviderModel model = session.identityProviders().getByAlias(alias);
        return model != null && PayerIdentityProviderFactory.PROVIDER_ID.equals(model.getProviderId())
            ? Optional.of(new PayerIdentityProviderConfig(model)) : Optional.empty();
    }

    /** The enabled plan with this alias in the session's realm, if there is one. */
    public static Optional<PayerIdentityProviderConfig> enabled(KeycloakSession session, String alias) {
        return byAlias(session, alias).filter(IdentityProviderModel::isEnabled);
    }

    /** The realm's enabled plans, ordered by display name: what the directory and the picker list. */
    public static List<PayerIdentityProviderConfig> enabledPlans(KeycloakSession session) {
        // getAllStream(): every 26.x has it (the query variant is new in 26.5); the filter keeps plans only.
        return session.identityProviders().getAllStream()
            .filter(p -> p.isEnabled() && PayerIdentityProviderFactory.PROVIDER_ID.equals(p.getProviderId()))
            .map(PayerIdentityProviderConfig::new)
            .sorted(Comparator.comparing(PayerPlans::displayName, String.CASE_INSENSITIVE_ORDER))
            .toList();
    }

    /** What members and apps read as the plan's name: its display name, else its alias. */
    public static String displayName(IdentityProviderModel plan) {
        return plan.getDisplayName() == null || plan.getDisplayName().isBlank() ? plan.getAlias()
            : plan.getDisplayName();
    }
}
