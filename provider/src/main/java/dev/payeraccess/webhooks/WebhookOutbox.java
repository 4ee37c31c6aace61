package dev.payeraccess.webhooks;

import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleSink;
import java.time.Instant;
import java.util.UUID;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The lifecycle sink of the webhooks: for each enabled subscription of the realm that chose the change's type, one
 * outbox message, written in the transaction of the change itself, so a change that commits is delivered (at least
 * once) and one that rolls back never is. The body is fixed here; each attempt signs it anew.
 */
final class WebhookOutbox implements LifecycleSink {

    private final KeycloakSession session;

    WebhookOutbox(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void accept(RealmModel realm, LifecycleChange change) {
        WebhookStore store = session.getProvider(WebhookStore.class);
        String type = change.kind().type();
        Instant now = Instant.now();
        store.subscriptions(realm.getId()).stream().filter(s -> s.enabled() && s.types().contains(type))
            .forEach(s -> store.enqueue(OutboxMessage.create(newMessageId(), s.id(), realm.getId(), type,
                WebhookPayload.of(realm.getName(), change), now)));
    }

    /** A {@code webhook-id}: {@code msg_} and 32 hex digits, unique per message and the same on every attempt. */
    static String newMessageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public void close() {
        // Nothing held beyond the session.
    }
}
