package dev.payeraccess.webhooks.jpa;

import dev.payeraccess.webhooks.DeliveryLease;
import dev.payeraccess.webhooks.OutboxMessage;
import dev.payeraccess.webhooks.Subscription;
import dev.payeraccess.webhooks.WebhookStore;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@link WebhookStore} in Keycloak's database, through the session's {@link EntityManager}: every write joins
 * the session's transaction, so an outbox message commits or rolls back with the change it reports.
 */
final class JpaWebhookStore implements WebhookStore {

    private final EntityManager em;

    JpaWebhookStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(Subscription subscription) {
        WebhookSubscriptionEntity entity = new WebhookSubscriptionEntity();
        entity.setId(subscription.id());
        entity.setRealmId(subscription.realmId());
        entity.setCreatedAt(subscription.createdAt().toEpochMilli());
        write(subscription, entity);
        em.persist(entity);
    }

    @Override
    public void update(Subscription subscription) {
        WebhookSubscriptionEntity entity = em.find(WebhookSubscriptionEntity.class, subscription.id());
        if (entity != null && entity.getRealmId().equals(subscription.realmId())) {
            write(subscription, entity);
        }
    }

    @Override
    public List<Subscription> subscriptions(String realmId) {
        return em.createNamedQuery("payerAccessWebhooksOfRealm", WebhookSubscriptionEntity.class)
            .setParameter("realmId", realmId).getResultStream().map(JpaWebhookStore::subscription).toList();
    }

    @Override
    public Optional<Subscription> subscription(String realmId, String id) {
        return Optional.ofNullable(em.find(WebhookSubscriptionEntity.class, id))
            .filter(entity -> entity.getRealmId().equals(realmId)).map(JpaWebhookStore::subscription);
    }

    @Override
    public boolean remove(String realmId, String id) {
        WebhookSubscriptionEntity entity = em.find(WebhookSubscriptionEntity.class, id);
        if (entity == null || !entity.getRealmId().equals(realmId)) {
            return false;
        }
        em.createNamedQuery("payerAccessWebhookMessagesRemove").setParameter("subscriptionId", id).executeUpdate();
        em.remove(entity);
        return true;
    }

    @Override
    public void enqueue(OutboxMessage message) {
        WebhookMessageEntity entity = new WebhookMessageEntity();
        entity.setId(message.id());
        entity.setSubscriptionId(message.subscriptionId());
        entity.setRealmId(message.realmId());
        entity.setType(message.type());
        entity.setBody(message.body());
        entity.setCreatedAt(message.createdAt().toEpochMilli());
        write(message, entity);
        em.persist(entity);
    }

    @Override
    public List<OutboxMessage> log(String subscriptionId, int first, int max) {
        return em.createNamedQuery("payerAccessWebhookLog", WebhookMessageEntity.class)
            .setParameter("subscriptionId", subscriptionId).setFirstResult(Math.max(first, 0))
            .setMaxResults(Math.max(max, 0)).getResultStream().map(JpaWebhookStore::message).toList();
    }

    @Override
    public Optional<OutboxMessage> message(String subscriptionId, String messageId) {
        return Optional.ofNullable(em.find(WebhookMessageEntity.class, messageId))
            .filter(entity -> entity.getSubscriptionId().equals(subscriptionId)).map(JpaWebhookStore::message);
    }

    @Override
    public void update(OutboxMessage message) {
        WebhookMessageEntity entity = em.find(WebhookMessageEntity.class, message.id());
        if (entity != null) {
            write(message, entity);
        }
    }

    @Override
    public List<String> due(Instant now, int max) {
        return em.createNamedQuery("payerAccessWebhookMessagesDue", String.class)
            .setParameter("now", now.toEpochMilli()).setMaxResults(max).getResultList();
    }

    @Override
    public Optional<OutboxMessage> claim(String messageId, DeliveryLease lease, Instant now) {
        // One conditional UPDATE: the database lets one of two concurrent claims match the row, the other then finds
        // the claim in place (or waits for the first transaction and re-checks the condition) and updates nothing.
        int claimed = em.createNamedQuery("payerAccessWebhookMessageClaim").setParameter("node", lease.node())
            .setParameter("until", lease.until().toEpochMilli()).setParameter("id", messageId)
            .setParameter("now", now.toEpochMilli()).executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        WebhookMessageEntity entity = em.find(WebhookMessageEntity.class, messageId);
        em.refresh(entity);
        return Optional.of(message(entity));
    }

    @Override
    public boolean finish(OutboxMessage after, String node) {
        WebhookMessageEntity entity = em.find(WebhookMessageEntity.class, after.id());
        if (entity == null) {
            return false;
        }
        em.refresh(entity);
        if (!node.equals(entity.getClaimedBy())) {
            return false;
        }
        write(after, entity);
        entity.setClaimedBy(null);
        entity.setClaimedUntil(null);
        return true;
    }

    @Override
    public int forget(Instant before) {
        return em.createNamedQuery("payerAccessWebhookMessagesForget").setParameter("before", before.toEpochMilli())
            .executeUpdate();
    }

    @Override
    public void close() {
        // The entity manager is the session's.
    }

    private static void write(Subscription subscription, WebhookSubscriptionEntity entity) {
        entity.setUrl(subscription.url());
        entity.setEventTypes(String.join(" ", subscription.types()));
        entity.setEnabled(subscription.enabled());
        entity.setDisabledReason(subscription.disabledReason().orElse(null));
        entity.setSecret(subscription.secret());
        entity.setPreviousSecret(subscription.previousSecret().orElse(null));
        entity.setPreviousSecretUntil(subscription.previousSecretUntil().map(Instant::toEpochMilli).orElse(null));
    }

    private static Subscription subscription(WebhookSubscriptionEntity entity) {
        return new Subscription(entity.getId(), entity.getRealmId(), entity.getUrl(),
            new LinkedHashSet<>(Arrays.asList(entity.getEventTypes().split(" "))), entity.isEnabled(),
            Optional.ofNullable(entity.getDisabledReason()), Instant.ofEpochMilli(entity.getCreatedAt()),
            entity.getSecret(), Optional.ofNullable(entity.getPreviousSecret()),
            Optional.ofNullable(entity.getPreviousSecretUntil()).map(Instant::ofEpochMilli));
    }

    private static void write(OutboxMessage message, WebhookMessageEntity entity) {
        entity.setStatus(message.status().name());
        entity.setAttempts(message.attempts());
        entity.setNextAttemptAt(message.nextAttemptAt().toEpochMilli());
        entity.setLastAttemptAt(message.lastAttemptAt().map(Instant::toEpochMilli).orElse(null));
        entity.setLastStatus(message.lastStatus().orElse(null));
        entity.setLastError(message.lastError().map(e -> e.length() > 512 ? e.substring(0, 512) : e).orElse(null));
        entity.setDeliveredAt(message.deliveredAt().map(Instant::toEpochMilli).orElse(null));
    }

    private static OutboxMessage message(WebhookMessageEntity entity) {
        return new OutboxMessage(entity.getId(), entity.getSubscriptionId(), entity.getRealmId(), entity.getType(),
            entity.getBody(), Instant.ofEpochMilli(entity.getCreatedAt()), OutboxMessage.Status.valueOf(
                entity.getStatus()), entity.getAttempts(), Instant.ofEpochMilli(entity.getNextAttemptAt()),
            Optional.ofNullable(entity.getLastAttemptAt()).map(Instant::ofEpochMilli),
            Optional.ofNullable(entity.getLastStatus()), Optional.ofNullable(entity.getLastError()),
            Optional.ofNullable(entity.getDeliveredAt()).map(Instant::ofEpochMilli));
    }
}
