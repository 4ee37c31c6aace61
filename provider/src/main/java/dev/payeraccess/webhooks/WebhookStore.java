package dev.payeraccess.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.keycloak.provider.Provider;

/**
 * Where subscriptions and the outbox live: tables of the extension's own in Keycloak's database, written in the
 * session's transaction. Found through Keycloak (SPI {@code payer-access-webhook-store}; the JPA store is
 * {@code jpa}).
 */
public interface WebhookStore extends Provider {

    void add(Subscription subscription);

    /** Saves a subscription's state, URL, types and secrets. */
    void update(Subscription subscription);

    /** The realm's subscriptions, oldest first. */
    List<Subscription> subscriptions(String realmId);

    Optional<Subscription> subscription(String realmId, String id);

    /** Removes the subscription and its messages; false when the realm has no such subscription. */
    boolean remove(String realmId, String id);

    void enqueue(OutboxMessage message);

    /** The subscription's messages, newest first: its delivery log. */
    List<OutboxMessage> log(String subscriptionId, int first, int max);

    Optional<OutboxMessage> message(String subscriptionId, String messageId);

    /** Saves a message that no node holds a claim on (a replay). */
    void update(OutboxMessage message);

    /** Ids of pending messages of enabled subscriptions due at {@code now} and claimed by no node, oldest first. */
    List<String> due(Instant now, int max);

    /**
     * Claims the message for {@code lease.node()} until {@code lease.until()} if it is pending and no claim on it
     * holds at {@code now}: one conditional update, so of two nodes trying at once exactly one wins.
     *
     * @return the claimed message; empty when another node holds it or it is no longer pending
     */
    Optional<OutboxMessage> claim(String messageId, DeliveryLease lease, Instant now);

    /**
     * Saves the outcome of an attempt and ends the claim, if {@code node} still holds it.
     *
     * @return false when the claim was lost (it ran out and another node took the message)
     */
    boolean finish(OutboxMessage after, String node);

    /** Removes delivered and failed messages created before {@code before}; returns how many. */
    int forget(Instant before);
}
