package dev.payeraccess.links;

import org.keycloak.models.FederatedIdentityModel.FederatedIdentityRemovedEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserModel.UserPreRemovedEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Keycloak removes links without asking the plan: the account console's and admin console's unlink
 * ({@link FederatedIdentityRemovedEvent}, which carries the stored tokens) and user deletion
 * ({@link UserPreRemovedEvent}, while the user's links can still be read). For links to health plans,
 * this listener revokes the plan tokens once the removal is committed, so none stays usable at the plan.
 */
public final class RevokeOnUnlink implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof FederatedIdentityRemovedEvent removed) {
            new PlanUnlinking(removed.getKeycloakSession(), removed.getRealm())
                .revokeAfterCommit(removed.getUser(), removed.getFederatedIdentity());
        } else if (event instanceof UserPreRemovedEvent deleted) {
            KeycloakSession session = deleted.getKeycloakSession();
            UserModel user = deleted.getUser();
            PlanUnlinking unlinking = new PlanUnlinking(session, deleted.getRealm());
            session.users().getFederatedIdentitiesStream(deleted.getRealm(), user).toList()
                .forEach(link -> unlinking.revokeAfterCommit(user, link));
        }
    }
}
