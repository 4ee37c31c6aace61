package dev.payeraccess.renewal;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.linkschedule.LinkKey;
import dev.payeraccess.linkschedule.LinkSchedule;
import dev.payeraccess.linkschedule.ScheduledLink;
import dev.payeraccess.proxy.limits.PlanCaps;
import dev.payeraccess.proxy.limits.PlanGate;
import dev.payeraccess.proxy.limits.ProxyLimits;
import dev.payeraccess.token.PlanTokenService;
import dev.payeraccess.token.TokenOutcome;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * One round of background renewal, on the one node that claimed the interval: reads the due links from the link
 * schedule and renews each in a transaction of its own, through {@link PlanTokenService#renewAhead} (the link's
 * single flight across the cluster, so a read renewing the same link at the same moment on another node makes one
 * refresh, not two). Each renewal passes the plan's gate on this node like a read (its {@code maxRequestsPerSecond},
 * {@code maxConcurrentRequests} and a 503 it answered), and a member the plan asked to wait is not renewed now; a
 * plan whose gate is closed, or that failed a renewal, is left for the next round.
 */
final class RenewalRound {

    private static final Logger LOG = Logger.getLogger(RenewalRound.class);

    private final KeycloakSessionFactory factory;
    private final RenewalDue due;
    private final int maxPerRound;
    /** Plans ({@code realmId/alias}) left for the next round. */
    private final Set<String> deferred = new HashSet<>();

    RenewalRound(KeycloakSessionFactory factory, RenewalDue due, int maxPerRound) {
        this.factory = factory;
        this.due = due;
        this.maxPerRound = maxPerRound;
    }

    /** @return how many links were renewed */
    int run() {
        Instant now = Instant.now();
        List<ScheduledLink> found = KeycloakModelUtils.runJobInTransactionWithResult(factory,
            session -> session.getProvider(LinkSchedule.class).renewBy(due.horizon(now), maxPerRound));
        int renewed = 0;
        for (ScheduledLink link : found) {
            if (!due.isDue(link, now) || deferred.contains(planOf(link.key()))) {
                continue;
            }
            try {
                renewed += KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> renew(session, link.key(), due.horizon(now)) ? 1 : 0);
            } catch (RuntimeException e) {
                LOG.warnf("Renewing a link to plan %s in the background failed: %s", link.key().alias(),
                    e.getClass().getSimpleName());
            }
        }
        if (renewed > 0) {
            LOG.debugf("Renewed %d links in the background", renewed);
        }
        return renewed;
    }

    private boolean renew(KeycloakSession session, LinkKey key, Instant horizon) {
        RealmModel realm = session.realms().getRealm(key.realmId());
        if (realm == null) {
            session.getProvider(LinkSchedule.class).remove(key); // the realm was removed with its links
            return false;
        }
        session.getContext().setRealm(realm);
        Optional<PlanIdentityProviderConfig> plan = RealmPlans.byAlias(session, key.alias());
        UserModel user = session.users().getUserById(realm, key.userId());
        if (plan.isEmpty() || user == null) {
            session.getProvider(LinkSchedule.class).remove(key); // the plan or the member is gone
            return false;
        }
        if (!plan.get().isEnabled()) {
            return false;
        }
        ProxyLimits limits = session.getProvider(ProxyLimits.class);
        if (limits.memberWaits().remaining(key.realmId(), key.alias(), key.userId()).isPresent()) {
            return false;
        }
        PlanGate.Decision door = limits.planGate(key.realmId(), key.alias())
            .admit(PlanCaps.of(plan.get().profile()), key.userId());
        if (door instanceof PlanGate.Closed) {
            deferred.add(planOf(key));
            return false;
        }
        try (PlanGate.Slot slot = ((PlanGate.Open) door).slot()) {
            TokenOutcome outcome = new PlanTokenService(session, realm, plan.get().endpoints(), plan.get().profile(),
                plan.get().earlyLinksBinding())
                .renewAhead(user, horizon);
            if (outcome instanceof TokenOutcome.RenewalFailed || outcome instanceof TokenOutcome.RenewalTimedOut) {
                deferred.add(planOf(key));
            }
            return outcome instanceof TokenOutcome.Usable;
        }
    }

    private static String planOf(LinkKey key) {
        return key.realmId() + "/" + key.alias();
    }
}
