package dev.payeraccess.renewal;

import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleRecorder;
import dev.payeraccess.linkschedule.LinkSchedule;
import dev.payeraccess.linkschedule.ScheduledLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Announces, once per link and grant end, that a member's grant ends within {@code window}: the lifecycle event
 * {@code link.grant_ending} (a Keycloak event and the webhooks subscribed to it), recorded in the same transaction
 * that notes it on the link's schedule row, so a round that fails midway announces it again and a round that
 * succeeded never does. A relink with a new grant end arms it again. Runs with each renewal round, on its one node.
 */
final class GrantEndingNotices {

    private static final Logger LOG = Logger.getLogger(GrantEndingNotices.class);

    private final KeycloakSessionFactory factory;
    private final Duration window;
    private final int max;

    GrantEndingNotices(KeycloakSessionFactory factory, Duration window, int max) {
        this.factory = factory;
        this.window = window;
        this.max = max;
    }

    /** @return how many grant endings were announced */
    int run() {
        Instant now = Instant.now();
        List<ScheduledLink> ending = KeycloakModelUtils.runJobInTransactionWithResult(factory,
            session -> session.getProvider(LinkSchedule.class).grantsEndingBy(now.plus(window), max));
        int announced = 0;
        for (ScheduledLink link : ending) {
            try {
                announced += KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> announce(session, link, now) ? 1 : 0);
            } catch (RuntimeException e) {
                LOG.warnf("Announcing the end of a grant to plan %s failed: %s", link.key().alias(),
                    e.getClass().getSimpleName());
            }
        }
        return announced;
    }

    private static boolean announce(KeycloakSession session, ScheduledLink link, Instant now) {
        RealmModel realm = session.realms().getRealm(link.key().realmId());
        Instant endsAt = link.times().grantEndsAt().orElseThrow();
        if (realm == null || !session.getProvider(LinkSchedule.class).noteGrantEnding(link.key(), endsAt)) {
            return false;
        }
        session.getContext().setRealm(realm);
        new LifecycleRecorder(session, realm).record(LifecycleChange.grantEnding(link.key().alias(),
            link.key().userId(), endsAt, now));
        return true;
    }
}
