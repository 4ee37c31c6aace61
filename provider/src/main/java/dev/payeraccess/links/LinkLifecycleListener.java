package dev.payeraccess.links;

import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleKind;
import dev.payeraccess.lifecycle.LifecycleRecorder;
import java.time.Instant;
import java.util.Optional;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.FederatedIdentityModel.FederatedIdentityCreatedEvent;
import org.keycloak.models.FederatedIdentityModel.FederatedIdentityRemovedEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Links to health plans made and removed, by whichever path: Keycloak's user storage announces every new and every
 * removed federated identity (broker sign-in and account linking, the account and admin consoles, our
 * {@code DELETE links/{alias}}) in the transaction that writes it, so the lifecycle change {@code link.linked} or
 * {@code link.unlinked} commits with the link itself (read in 26.7.3's {@code UserStorageManager}). User deletion
 * removes links without announcing each (see {@link RevokeOnUnlink}); it is not reported as unlinking.
 */
public final class LinkLifecycleListener implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof FederatedIdentityCreatedEvent created) {
            record(created.getKeycloakSession(), created.getRealm(), created.getUser(), created.getFederatedIdentity(),
                LifecycleKind.LINKED, "active");
        } else if (event instanceof FederatedIdentityRemovedEvent removed) {
            record(removed.getKeycloakSession(), removed.getRealm(), removed.getUser(), removed.getFederatedIdentity(),
                LifecycleKind.UNLINKED, "unlinked");
        }
    }

    private static void record(KeycloakSession session, RealmModel realm, UserModel user, FederatedIdentityModel link,
                               LifecycleKind kind, String state) {
        String alias = link.getIdentityProvider();
        if (RealmPlans.byAlias(session, alias).isEmpty()) {
            return; // another kind of identity provider: not ours to report
        }
        LifecycleChange change = LifecycleChange.ofLink(kind, alias, user.getId(), state, Optional.empty(),
            Instant.now(), Optional.empty());
        if (kind == LifecycleKind.UNLINKED && PlanUnlinking.recordedByLinksApi(session, user, alias)) {
            new LifecycleRecorder(session, realm).toSinks(change); // LinksResource records the event, with more
        } else {
            new LifecycleRecorder(session, realm).record(change);
        }
    }
}
