package dev.payeraccess.token;

import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.plan.PlanTokenEndpoint;
import dev.payeraccess.plan.PlanTokenResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Hands the proxy a usable access token for a member's link to a plan, renewing it when it expired, is
 * about to, or the plan just rejected it.
 *
 * <p>Renewal is a single flight across the cluster: the first request that needs it runs the refresh
 * through Keycloak's {@link ClusterProvider}, every other request for the same link (on any node) waits
 * for it and then reads the renewed token from the database. The refresh commits the rotated tokens in
 * its own transaction before the flight ends, so a waiter never reads a half-written link. A refresh the
 * plan refuses clears the stored tokens: the link stays (the member still sees the plan) but is
 * {@code relink-required}, and no usable token is left behind.
 */
public final class PayerTokenService {

    private static final Logger LOG = Logger.getLogger(PayerTokenService.class);
    /** How often a waiting request looks at the link in case the flight's end was not signalled to it. */
    private static final long POLL_MILLIS = 100;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PlanEndpoints plan;

    public PayerTokenService(KeycloakSession session, RealmModel realm, PlanEndpoints plan) {
        this.session = session;
        this.realm = realm;
        this.plan = plan;
    }

    /**
     * @param stored what the caller just read from the user's link
     * @return the access token to send to the plan, renewed first when needed, or why there is none
     */
    public TokenOutcome accessToken(UserModel user, Optional<StoredPayerToken> stored) {
        switch (TokenState.of(stored, Instant.now())) {
            case ACTIVE:
                return new TokenOutcome.Usable(stored.get().accessToken());
            case REFRESHABLE:
                return renew(user.getId(), stored.get().accessToken());
            default:
                return new TokenOutcome.RelinkRequired();
        }
    }

    /**
     * After the plan answered 401 to {@code rejected}: renews once (or waits for the renewal another
     * request started) and returns the new token, or why there is none.
     */
    public TokenOutcome renewAfterRejection(UserModel user, String rejected) {
        return renew(user.getId(), rejected);
    }

    private TokenOutcome renew(String userId, String stale) {
        AtomicReference<PlanProblem> failure = new AtomicReference<>();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        String alias = plan.alias();
        Future<Boolean> flight = session.getProvider(ClusterProvider.class).executeIfNotExecutedAsync(
            flightKey(realmId, userId, alias), flightSeconds(), () -> {
                KeycloakModelUtils.runJobInTransaction(factory,
                    s -> refreshIfStale(s, realmId, userId, plan, stale, failure));
                return true;
            });
        if (!awaitRenewal(flight, userId, stale)) {
            return new TokenOutcome.RenewalTimedOut(flightSeconds());
        }
        if (failure.get() != null) {
            return new TokenOutcome.RenewalFailed(failure.get());
        }
        Optional<StoredPayerToken> renewed = readFresh(userId);
        if (renewed.isEmpty()) {
            return new TokenOutcome.RelinkRequired();
        }
        if (renewed.get().accessToken().equals(stale) || TokenState.of(renewed, Instant.now()) != TokenState.ACTIVE) {
            return new TokenOutcome.RenewalUnsettled();
        }
        return new TokenOutcome.Usable(renewed.get().accessToken());
    }

    /** Whether the flight ended (here or on another node) before its deadline. */
    private boolean awaitRenewal(Future<Boolean> flight, String userId, String stale) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(flightSeconds());
        while (System.nanoTime() < deadline) {
            try {
                flight.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException stillRunning) {
                if (renewedElsewhere(userId, stale)) {
                    return true;
                }
            } catch (ExecutionException e) {
                LOG.warnf("Renewing the token of a link to plan %s failed: %s", plan.alias(), e.getCause().getClass().getName());
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return false;
    }

    private boolean renewedElsewhere(String userId, String stale) {
        Optional<StoredPayerToken> now = readFresh(userId);
        return now.isEmpty() || !now.get().accessToken().equals(stale);
    }

    /** Runs once per flight, in its own transaction, on the node that won it. */
    private static void refreshIfStale(KeycloakSession s, String realmId, String userId, PlanEndpoints plan,
                                       String stale, AtomicReference<PlanProblem> failure) {
        String alias = plan.alias();
        RealmModel realm = s.realms().getRealm(realmId);
        s.getContext().setRealm(realm);
        UserModel user = s.users().getUserById(realm, userId);
        IdentityProviderModel model = s.identityProviders().getByAlias(alias);
        FederatedIdentityModel identity = user == null || model == null ? null
            : s.users().getFederatedIdentity(realm, user, alias);
        if (identity == null) {
            return;
        }
        StoredTokenCipher cipher = new StoredTokenCipher(s, realm);
        Optional<StoredPayerToken> stored = cipher.decrypt(identity.getToken());
        if (stored.isEmpty() || !stored.get().accessToken().equals(stale)) {
            return; // already renewed by an earlier flight, or already cleared
        }
        Optional<String> refreshToken = stored.get().refreshToken();
        try {
            Optional<PlanTokenResponse> answer = refreshToken.isEmpty() ? Optional.empty()
                : new PlanTokenEndpoint(s, plan).refresh(refreshToken.get());
            String token = answer.map(a -> cipher.encrypt(stored.get().renewedBy(a, Instant.now()))).orElse(null);
            s.users().updateFederatedIdentity(realm, user,
                new FederatedIdentityModel(alias, identity.getUserId(), identity.getUserName(), token));
            if (answer.isEmpty()) {
                LOG.infof("Plan %s refused to renew a member's token; the link now needs a relink", alias);
            }
        } catch (PlanProblem e) {
            LOG.warnf("Renewing a member's token at plan %s failed: %s", alias, e.getMessage());
            failure.set(e);
        }
    }

    private Optional<StoredPayerToken> readFresh(String userId) {
        String realmId = realm.getId();
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
            RealmModel r = s.realms().getRealm(realmId);
            s.getContext().setRealm(r);
            return read(s, r, userId);
        });
    }

    private Optional<StoredPayerToken> read(KeycloakSession s, RealmModel r, String userId) {
        UserModel user = s.users().getUserById(r, userId);
        FederatedIdentityModel identity = user == null ? null : s.users().getFederatedIdentity(r, user, plan.alias());
        return identity == null ? Optional.empty() : new StoredTokenCipher(s, r).decrypt(identity.getToken());
    }

    private int flightSeconds() {
        return plan.timeoutMs() / 1000 + 10;
    }

    private static String flightKey(String realmId, String userId, String alias) {
        return "payer-access.refresh::" + realmId + "::" + userId + "::" + alias;
    }
}
