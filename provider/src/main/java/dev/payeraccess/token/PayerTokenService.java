package dev.payeraccess.token;

import dev.payeraccess.broker.PayerIdentityProviderConfig;
import dev.payeraccess.broker.PlanLinkExchange;
import dev.payeraccess.broker.PlanProblem;
import dev.payeraccess.broker.PlanTokenResponse;
import dev.payeraccess.fhir.FhirProblemException;
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
    private final PayerIdentityProviderConfig plan;

    public PayerTokenService(KeycloakSession session, RealmModel realm, PayerIdentityProviderConfig plan) {
        this.session = session;
        this.realm = realm;
        this.plan = plan;
    }

    /**
     * @param stored what the caller just read from the user's link
     * @return the access token to send to the plan, or empty when the member must link the plan again
     * @throws FhirProblemException 502 or 504 when a needed renewal failed at the plan
     */
    public Optional<String> accessToken(UserModel user, Optional<StoredPayerToken> stored) throws FhirProblemException {
        switch (TokenState.of(stored, Instant.now())) {
            case ACTIVE:
                return Optional.of(stored.get().accessToken());
            case REFRESHABLE:
                return renew(user.getId(), stored.get().accessToken());
            default:
                return Optional.empty();
        }
    }

    /**
     * After the plan answered 401 to {@code rejected}: renews once (or waits for the renewal another
     * request started) and returns the new token, or empty when the member must link the plan again.
     */
    public Optional<String> renewAfterRejection(UserModel user, String rejected) throws FhirProblemException {
        return renew(user.getId(), rejected);
    }

    private Optional<String> renew(String userId, String stale) throws FhirProblemException {
        AtomicReference<FhirProblemException> failure = new AtomicReference<>();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        String alias = plan.getAlias();
        Future<Boolean> flight = session.getProvider(ClusterProvider.class).executeIfNotExecutedAsync(
            flightKey(realmId, userId, alias), flightSeconds(), () -> {
                KeycloakModelUtils.runJobInTransaction(factory, s -> refreshIfStale(s, realmId, userId, alias, stale, failure));
                return true;
            });
        awaitRenewal(flight, userId, stale);
        if (failure.get() != null) {
            throw failure.get();
        }
        Optional<StoredPayerToken> renewed = readFresh(userId);
        if (renewed.isEmpty()) {
            return Optional.empty();
        }
        if (renewed.get().accessToken().equals(stale) || TokenState.of(renewed, Instant.now()) != TokenState.ACTIVE) {
            throw new FhirProblemException(502, "transient", "The plan's token could not be renewed just now; "
                + "retry the request.");
        }
        return Optional.of(renewed.get().accessToken());
    }

    private void awaitRenewal(Future<Boolean> flight, String userId, String stale) throws FhirProblemException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(flightSeconds());
        while (System.nanoTime() < deadline) {
            try {
                flight.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                if (renewedElsewhere(userId, stale)) {
                    return;
                }
            } catch (ExecutionException e) {
                LOG.warnf("Renewing the token of a link to plan %s failed: %s", plan.getAlias(), e.getCause().getClass().getName());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new FhirProblemException(504, "timeout", "Renewing the plan's token took longer than "
            + flightSeconds() + " s; retry the request.");
    }

    private boolean renewedElsewhere(String userId, String stale) {
        Optional<StoredPayerToken> now = readFresh(userId);
        return now.isEmpty() || !now.get().accessToken().equals(stale);
    }

    /** Runs once per flight, in its own transaction, on the node that won it. */
    private static void refreshIfStale(KeycloakSession s, String realmId, String userId, String alias, String stale,
                                       AtomicReference<FhirProblemException> failure) {
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
                : new PlanLinkExchange(s, new PayerIdentityProviderConfig(model)).refresh(refreshToken.get());
            String token = answer.map(a -> cipher.encrypt(a.renew(stored.get(), Instant.now()))).orElse(null);
            s.users().updateFederatedIdentity(realm, user,
                new FederatedIdentityModel(alias, identity.getUserId(), identity.getUserName(), token));
            if (answer.isEmpty()) {
                LOG.infof("Plan %s refused to renew a member's token; the link now needs a relink", alias);
            }
        } catch (PlanProblem e) {
            LOG.warnf("Renewing a member's token at plan %s failed: %s", alias, e.getMessage());
            failure.set(new FhirProblemException(e.status() == 504 ? 504 : 502, e.status() == 504 ? "timeout" : "transient",
                "The plan failed while the proxy renewed its token (" + e.getMessage() + "); retry later."));
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
        FederatedIdentityModel identity = user == null ? null : s.users().getFederatedIdentity(r, user, plan.getAlias());
        return identity == null ? Optional.empty() : new StoredTokenCipher(s, r).decrypt(identity.getToken());
    }

    private int flightSeconds() {
        return plan.upstreamTimeoutMs() / 1000 + 10;
    }

    private static String flightKey(String realmId, String userId, String alias) {
        return "payer-access.refresh::" + realmId + "::" + userId + "::" + alias;
    }
}
