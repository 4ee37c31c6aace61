package dev.payeraccess.linkschedule;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.utils.KeycloakModelUtils;

/** The link schedule in Keycloak's database, through the session's entity manager. */
final class JpaLinkSchedule implements LinkSchedule {

    private static final Logger LOG = Logger.getLogger(JpaLinkSchedule.class);

    private final KeycloakSession session;
    private final ReadMarks marks;

    JpaLinkSchedule(KeycloakSession session, ReadMarks marks) {
        this.session = session;
        this.marks = marks;
    }

    @Override
    public void record(LinkKey key, LinkTimes times) {
        Optional<LinkScheduleEntity> row = entity(em(), key);
        if (row.isPresent()) {
            write(row.get(), times);
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                if (entity(em, key).isEmpty()) {
                    LinkScheduleEntity created = new LinkScheduleEntity();
                    created.setId(KeycloakModelUtils.generateId());
                    created.setRealmId(key.realmId());
                    created.setPlanAlias(key.alias());
                    created.setUserId(key.userId());
                    write(created, times);
                    em.persist(created);
                }
            });
        } catch (PersistenceException | ModelException e) {
            // Another writer inserted the row meanwhile; its values are as recent as these.
            LOG.debugf("The schedule row of a link to plan %s was written by another request", key.alias());
        }
    }

    @Override
    public void remove(LinkKey key) {
        entity(em(), key).ifPresent(em()::remove);
        marks.forget(key);
    }

    @Override
    public Optional<ScheduledLink> find(LinkKey key) {
        return entity(em(), key).map(JpaLinkSchedule::scheduled);
    }

    @Override
    public List<ScheduledLink> renewBy(Instant by, int max) {
        return em().createNamedQuery("payerAccessLinkScheduleRenewBy", LinkScheduleEntity.class)
            .setParameter("by", by.toEpochMilli()).setParameter("relinkRequired", LinkTimes.RELINK_REQUIRED)
            .setMaxResults(max).getResultStream().map(JpaLinkSchedule::scheduled).toList();
    }

    @Override
    public List<ScheduledLink> ofUser(String realmId, String userId) {
        return em().createNamedQuery("payerAccessLinkScheduleOfUser", LinkScheduleEntity.class)
            .setParameter("realmId", realmId).setParameter("userId", userId).getResultStream()
            .map(JpaLinkSchedule::scheduled).toList();
    }

    @Override
    public List<ScheduledLink> grantsEndingBy(Instant by, int max) {
        return em().createNamedQuery("payerAccessLinkScheduleGrantsEnding", LinkScheduleEntity.class)
            .setParameter("by", by.toEpochMilli()).setParameter("relinkRequired", LinkTimes.RELINK_REQUIRED)
            .setMaxResults(max).getResultStream().map(JpaLinkSchedule::scheduled).toList();
    }

    @Override
    public boolean noteGrantEnding(LinkKey key, Instant endsAt) {
        return em().createNamedQuery("payerAccessLinkScheduleNoteGrantEnding")
            .setParameter("endsAt", endsAt.toEpochMilli()).setParameter("realmId", key.realmId())
            .setParameter("alias", key.alias()).setParameter("userId", key.userId()).executeUpdate() > 0;
    }

    @Override
    public Set<String> usersWithRows(String realmId, String alias) {
        return new HashSet<>(em().createNamedQuery("payerAccessLinkScheduleOfPlan", String.class)
            .setParameter("realmId", realmId).setParameter("alias", alias).getResultList());
    }

    @Override
    public boolean appRead(LinkKey key, Instant now) {
        if (marks.markedRecently(key, now)) {
            return true;
        }
        // In a short transaction of its own: the read's transaction lasts as long as the plan takes to answer, and a
        // renewal of the same link (another transaction) writes this row meanwhile.
        int updated = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
            s -> s.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNamedQuery("payerAccessLinkScheduleRead").setParameter("at", now.toEpochMilli())
                .setParameter("realmId", key.realmId()).setParameter("alias", key.alias())
                .setParameter("userId", key.userId()).executeUpdate());
        if (updated > 0) {
            marks.mark(key, now);
        }
        return updated > 0;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private static Optional<LinkScheduleEntity> entity(EntityManager em, LinkKey key) {
        return em.createNamedQuery("payerAccessLinkScheduleFind", LinkScheduleEntity.class)
            .setParameter("realmId", key.realmId()).setParameter("alias", key.alias())
            .setParameter("userId", key.userId()).getResultStream().findFirst();
    }

    private static void write(LinkScheduleEntity row, LinkTimes times) {
        row.setLinkedAt(times.linkedAt().map(Instant::toEpochMilli).orElse(row.getLinkedAt()));
        row.setRenewBy(times.renewBy().map(Instant::toEpochMilli).orElse(null));
        row.setGrantEndsAt(times.grantEndsAt().map(Instant::toEpochMilli).orElse(null));
        row.setState(times.state());
        row.setRelinkReason(times.relinkReason().orElse(null));
        row.setUpdatedAt(System.currentTimeMillis());
    }

    private static ScheduledLink scheduled(LinkScheduleEntity row) {
        return new ScheduledLink(new LinkKey(row.getRealmId(), row.getPlanAlias(), row.getUserId()),
            new LinkTimes(instant(row.getLinkedAt()), instant(row.getRenewBy()), instant(row.getGrantEndsAt()),
                row.getState(), Optional.ofNullable(row.getRelinkReason())),
            instant(row.getLastAppRead()), Instant.ofEpochMilli(row.getUpdatedAt()));
    }

    private static Optional<Instant> instant(Long millis) {
        return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
    }
}
