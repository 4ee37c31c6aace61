package dev.payeraccess.broker;

import dev.payeraccess.compat.IdentityProviderFlag;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Makes the plans saved before health-plan identity providers became link-only by default link-only, once
 * Keycloak has started (its {@code PostMigrationEvent}). A plan whose administrator turned on
 * {@value PlanIdentityProviderConfig#ALLOW_PLAN_SIGN_IN} since is left as it is. Idempotent, so every node of
 * a cluster may run it.
 *
 * <p>Cost: one database query per realm, for the identity providers that are not link-only already (a column,
 * filtered by the database); only plans among them are changed, each logged on one line.
 */
final class LinkOnlyUpgrade {

    private static final Logger LOG = Logger.getLogger(LinkOnlyUpgrade.class);

    private LinkOnlyUpgrade() {
    }

    static void run(KeycloakSession session) {
        session.realms().getRealmsStream().toList().forEach(realm -> inRealm(session, realm));
    }

    /** Of identity providers that are not link-only: the plans whose administrator did not allow plan sign-in. */
    static List<PlanIdentityProviderConfig> toMakeLinkOnly(Stream<IdentityProviderModel> notLinkOnly) {
        return notLinkOnly.filter(p -> PlanIdentityProviderFactory.PROVIDER_ID.equals(p.getProviderId()))
            .map(PlanIdentityProviderConfig::new)
            .filter(p -> !p.allowsPlanSignIn())
            .toList();
    }

    private static void inRealm(KeycloakSession session, RealmModel realm) {
        // The identity-provider store works on the context's realm.
        session.getContext().setRealm(realm);
        List<PlanIdentityProviderConfig> plans = toMakeLinkOnly(session.identityProviders()
            .getAllStream(Map.of(IdentityProviderModel.LINK_ONLY, "false"), null, null));
        for (PlanIdentityProviderConfig plan : plans) {
            IdentityProviderFlag.LINK_ONLY.set(plan, true);
            IdentityProviderFlag.HIDE_ON_LOGIN.set(plan, true);
            session.identityProviders().update(plan);
            LOG.infof("Health plan '%s' of realm '%s' is now link-only: members connect it after signing in, and "
                + "nobody signs in through it. To allow plan sign-in, turn on '%s' on the plan.", plan.getAlias(),
                realm.getName(), PlanIdentityProviderFactory.ALLOW_PLAN_SIGN_IN_LABEL);
        }
    }
}
