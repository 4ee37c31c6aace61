package dev.payeraccess.renewal;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.linkschedule.LinkSchedule;
import dev.payeraccess.token.LinkStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Gives links stored before the link schedule existed (an upgrade) their rows: the first round after a node starts
 * walks each enabled plan's linked members and writes the row of every link that has none, a page of members per
 * transaction. A link read before that gets its row at that read.
 */
final class LinkBackfill {

    private static final Logger LOG = Logger.getLogger(LinkBackfill.class);
    private static final int PAGE = 200;

    private final KeycloakSessionFactory factory;

    LinkBackfill(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    void run() {
        List<String[]> plans = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> session.realms()
            .getRealmsStream().toList().stream().flatMap(realm -> {
                session.getContext().setRealm(realm);
                return RealmPlans.enabledPlans(session).stream()
                    .map(plan -> new String[] {realm.getId(), plan.getAlias()}).toList().stream();
            }).toList());
        for (String[] plan : plans) {
            try {
                int written = backfill(plan[0], plan[1]);
                if (written > 0) {
                    LOG.infof("Wrote the link schedule's rows of %d existing links to plan %s", written, plan[1]);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Writing the link schedule's rows of plan %s failed: %s", plan[1],
                    e.getClass().getSimpleName());
            }
        }
    }

    private int backfill(String realmId, String alias) {
        int written = 0;
        for (int first = 0; ; first += PAGE) {
            int from = first;
            int[] page = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                session.getContext().setRealm(realm);
                PlanIdentityProviderConfig plan = RealmPlans.byAlias(session, alias).orElseThrow();
                Set<String> scheduled = session.getProvider(LinkSchedule.class).usersWithRows(realmId, alias);
                List<UserModel> members = session.users()
                    .searchForUserStream(realm, Map.of(UserModel.IDP_ALIAS, alias), from, PAGE).toList();
                LinkStore store = new LinkStore(session, realm);
                int count = 0;
                for (UserModel member : members) {
                    if (!scheduled.contains(member.getId())) {
                        store.schedule(member, plan.endpoints(), plan.profile(), plan.earlyLinksBinding());
                        count++;
                    }
                }
                return new int[] {members.size(), count};
            });
            written += page[1];
            if (page[0] < PAGE) {
                return written;
            }
        }
    }
}
