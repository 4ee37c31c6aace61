package dev.payeraccess.token;

import dev.payeraccess.plan.PlanEndpoints;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The stored tokens of members' links to one plan, each read and each change in a transaction of its own
 * (a renewal runs outside the request that needed it, see {@link PlanTokenService}), through the
 * {@link LinkStore}. A change is a compare-and-set: it is written only while the link still holds the token
 * it replaces, so a renewal never overwrites a newer renewal, a relink, or an unlink.
 */
final class StoredLinks {

    private static final Logger LOG = Logger.getLogger(StoredLinks.class);

    private final KeycloakSessionFactory factory;
    private final String realmId;
    private final PlanEndpoints plan;
    private final Optional<TokenBinding> earlyLinks;

    /**
     * @param plan the plan as the request found it: links are judged against its settings
     * @param earlyLinks what the plan recorded that links stored before binding belong to
     */
    StoredLinks(KeycloakSessionFactory factory, String realmId, PlanEndpoints plan,
                Optional<TokenBinding> earlyLinks) {
        this.factory = factory;
        this.realmId = realmId;
        this.plan = plan;
        this.earlyLinks = earlyLinks;
    }

    /** The user's link to this plan as committed now. */
    MemberLink find(String userId) {
        return inRealm((s, realm) -> {
            UserModel user = s.users().getUserById(realm, userId);
            return user == null ? new MemberLink.NotLinked() : new LinkStore(s, realm).find(user, plan, earlyLinks);
        });
    }

    /**
     * Stores {@code replacement} (or clears the tokens when empty) if the link still holds the access token
     * {@code expected}.
     *
     * @return whether the replacement is what the link holds now; false when the link was removed, relinked
     *     or renewed meanwhile, or the write failed: then nothing of {@code replacement} is stored
     */
    boolean replace(String userId, String expected, Optional<StoredPlanToken> replacement) {
        try {
            return inRealm((s, realm) -> {
                UserModel user = s.users().getUserById(realm, userId);
                return user != null && new LinkStore(s, realm).replace(user, plan, expected, replacement);
            });
        } catch (RuntimeException e) {
            LOG.warnf("Storing a member's renewed token for plan %s failed: %s", plan.alias(), e.getClass().getName());
            return false;
        }
    }

    /** Runs {@code job} in a new transaction with the plan's realm as the session's realm (vault, keys). */
    <T> T inRealm(BiFunction<KeycloakSession, RealmModel, T> job) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            s.getContext().setRealm(realm);
            return job.apply(s, realm);
        });
    }
}
