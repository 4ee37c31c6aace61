package dev.payeraccess.token;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The stored tokens of members' links to one plan, each read and each change in a transaction of its own
 * (a renewal runs outside the request that needed it, see {@link PayerTokenService}). A change is a
 * compare-and-set: it is written only while the link still holds the token it replaces, so a renewal
 * never overwrites a newer renewal, a relink, or an unlink.
 */
final class StoredLinks {

    private static final Logger LOG = Logger.getLogger(StoredLinks.class);

    private final KeycloakSessionFactory factory;
    private final String realmId;
    private final String alias;

    StoredLinks(KeycloakSessionFactory factory, String realmId, String alias) {
        this.factory = factory;
        this.realmId = realmId;
        this.alias = alias;
    }

    /** The user's stored token for this plan as committed now; empty when unlinked, cleared or unreadable. */
    Optional<StoredPayerToken> read(String userId) {
        return inRealm((s, realm) -> {
            UserModel user = s.users().getUserById(realm, userId);
            FederatedIdentityModel link = user == null ? null : s.users().getFederatedIdentity(realm, user, alias);
            return link == null ? Optional.empty() : new StoredTokenCipher(s, realm).decrypt(link.getToken());
        });
    }

    /**
     * Stores {@code replacement} (or clears the tokens when empty) if the link still holds the access token
     * {@code expected}.
     *
     * @return whether the replacement is what the link holds now; false when the link was removed, relinked
     *     or renewed meanwhile, or the write failed: then nothing of {@code replacement} is stored
     */
    boolean replace(String userId, String expected, Optional<StoredPayerToken> replacement) {
        try {
            return inRealm((s, realm) -> replaceIn(s, realm, userId, expected, replacement));
        } catch (RuntimeException e) {
            LOG.warnf("Storing a member's renewed token for plan %s failed: %s", alias, e.getClass().getName());
            return false;
        }
    }

    private boolean replaceIn(KeycloakSession s, RealmModel realm, String userId, String expected,
                              Optional<StoredPayerToken> replacement) {
        UserModel user = s.users().getUserById(realm, userId);
        FederatedIdentityModel link = user == null ? null : s.users().getFederatedIdentity(realm, user, alias);
        StoredTokenCipher cipher = new StoredTokenCipher(s, realm);
        boolean holdsExpected = link != null
            && cipher.decrypt(link.getToken()).map(t -> t.accessToken().equals(expected)).orElse(false);
        if (!holdsExpected) {
            return false;
        }
        String token = replacement.map(cipher::encrypt).orElse(null);
        s.users().updateFederatedIdentity(realm, user,
            new FederatedIdentityModel(alias, link.getUserId(), link.getUserName(), token));
        // Keycloak 26's JPA store locks the link's row for the update and silently skips it when the row is
        // gone, e.g. an unlink that committed after the read above. Reading the link again under that lock
        // tells a stored token from a skipped one.
        FederatedIdentityModel after = s.users().getFederatedIdentity(realm, user, alias);
        return after != null && Objects.equals(after.getToken(), token);
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
