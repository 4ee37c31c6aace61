package dev.payeraccess.links;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.token.LinkStore;
import dev.payeraccess.token.MemberLink;
import dev.payeraccess.token.PlanRevocation;
import dev.payeraccess.token.RevocationOutcome;
import dev.payeraccess.token.StoredPlanToken;
import java.util.Optional;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Ends a member's link to a plan without leaving a usable plan token behind, whichever path removes it:
 * this extension's {@code DELETE links/{alias}} revokes first and reports the outcome; Keycloak's own
 * paths (account console, admin console, user deletion) are caught by {@link RevokeOnUnlink}, which
 * revokes once the removal is committed.
 */
public final class PlanUnlinking {

    /** Session attribute prefix marking a link whose tokens this request already revoked (or will). */
    private static final String HANDLED = "payer-access.unlink-handled:";
    /** Session attribute prefix marking a link whose removal the links API records as an event itself. */
    private static final String RECORDED = "payer-access.unlink-recorded:";

    private final KeycloakSession session;
    private final RealmModel realm;

    public PlanUnlinking(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * Revokes the link's tokens at the plan and removes the link, whatever the plan answered; both take
     * effect together when the request commits.
     *
     * <p>The link is removed before the plan is called: the removal locks the link's row until this
     * request commits, so a renewal that is waiting for the plan's answer meanwhile cannot store rotated
     * tokens on the link after they were read here. It finds the link gone and revokes what it got
     * itself (see {@link dev.payeraccess.token.PlanTokenService}).
     *
     * @return the revocation's outcome, or empty when the user has no link to such a plan
     */
    public Optional<RevocationOutcome> unlink(UserModel user, String alias) {
        Optional<PlanIdentityProviderConfig> plan = RealmPlans.byAlias(session, alias);
        MemberLink link = plan.isEmpty() ? new MemberLink.NotLinked()
            : new LinkStore(session, realm).find(user, plan.get().endpoints(), plan.get().earlyLinksBinding());
        if (link instanceof MemberLink.NotLinked) {
            return Optional.empty();
        }
        markHandled(user, alias);
        session.setAttribute(RECORDED + user.getId() + ":" + alias, Boolean.TRUE);
        // As read before the removal: afterwards they can no longer be read.
        Optional<StoredPlanToken> stored = link.readable();
        session.users().removeFederatedIdentity(realm, user, alias);
        new LinkStore(session, realm).unscheduled(user, alias);
        return Optional.of(PlanRevocation.revoke(session, plan.get().endpoints(), stored));
    }

    /** For a link Keycloak removes by its own paths: revokes its tokens once the removal is committed. */
    void revokeAfterCommit(UserModel user, FederatedIdentityModel link) {
        String alias = link.getIdentityProvider();
        Optional<PlanIdentityProviderConfig> plan = RealmPlans.byAlias(session, alias);
        if (plan.isEmpty()) {
            return;
        }
        new LinkStore(session, realm).unscheduled(user, alias); // with the removal, in its transaction
        if (isHandled(user, alias)) {
            return;
        }
        markHandled(user, alias);
        Optional<StoredPlanToken> stored = new LinkStore(session, realm)
            .read(link, plan.get().endpoints(), plan.get().earlyLinksBinding()).readable();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                PlanRevocation.revoke(session, plan.get().endpoints(), stored);
            }

            @Override
            protected void rollbackImpl() {
                // The link stays, so its tokens stay valid.
            }
        });
    }

    /** Whether this request's {@link #unlink} removes the link, and the links API records its event. */
    static boolean recordedByLinksApi(KeycloakSession session, UserModel user, String alias) {
        return session.getAttribute(RECORDED + user.getId() + ":" + alias) != null;
    }

    private void markHandled(UserModel user, String alias) {
        session.setAttribute(HANDLED + user.getId() + ":" + alias, Boolean.TRUE);
    }

    private boolean isHandled(UserModel user, String alias) {
        return session.getAttribute(HANDLED + user.getId() + ":" + alias) != null;
    }
}
