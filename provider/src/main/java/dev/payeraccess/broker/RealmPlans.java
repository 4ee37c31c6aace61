package dev.payeraccess.broker;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

/** The realm's health plans: identity providers of type {@code payer}. */
public final class RealmPlans {

    private RealmPlans() {
    }

    /** The plan with this alias in the session's realm, enabled or not; empty for other identity providers. */
    public static Optional<PlanIdentityProviderConfig> byAlias(KeycloakSession session, String alias) {
        IdentityProviderModel model = session.identityProviders().getByAlias(alias);
        return model != null && PlanIdentityProviderFactory.PROVIDER_ID.equals(model.getProviderId())
            ? Optional.of(new PlanIdentityProviderConfig(model)) : Optional.empty();
    }

    /**
     * The plan with this alias in the session's realm if members and apps may use it: enabled, and its endpoints
     * confirmed (a plan whose discovered endpoints wait for the administrator is not there for them yet).
     */
    public static Optional<PlanIdentityProviderConfig> enabled(KeycloakSession session, String alias) {
        return byAlias(session, alias).filter(RealmPlans::inUse);
    }

    /**
     * The realm's plans members and apps may use, as {@link #enabled} decides, ordered by display name: what the
     * directory and the picker list.
     */
    public static List<PlanIdentityProviderConfig> enabledPlans(KeycloakSession session) {
        // getAllStream(): every 26.x has it (the query variant is new in 26.5); the filter keeps plans only.
        return session.identityProviders().getAllStream()
            .filter(p -> PlanIdentityProviderFactory.PROVIDER_ID.equals(p.getProviderId()))
            .map(PlanIdentityProviderConfig::new)
            .filter(RealmPlans::inUse)
            .sorted(Comparator.comparing(RealmPlans::displayName, String.CASE_INSENSITIVE_ORDER))
            .toList();
    }

    private static boolean inUse(PlanIdentityProviderConfig plan) {
        return plan.isEnabled() && plan.endpointsConfirmed();
    }

    /** What members and apps read as the plan's name: its display name, else its alias. */
    public static String displayName(IdentityProviderModel plan) {
        return plan.getDisplayName() == null || plan.getDisplayName().isBlank() ? plan.getAlias()
            : plan.getDisplayName();
    }
}
