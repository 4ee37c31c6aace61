package dev.payeraccess.webhooks;

import dev.payeraccess.lifecycle.LifecycleKind;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What an administrator does with a realm's webhook subscriptions: subscribe a receiver (its secret shown once),
 * list, remove, rotate the secret, enable again, read the delivery log, send a test ping, replay a message. The
 * admin API's resource only checks permissions and translates; refusals are {@link IllegalArgumentException}s whose
 * message says what to fix.
 */
public final class WebhookSubscriptions {

    /** How long the secret before a rotation keeps signing, unless the administrator says otherwise. */
    public static final Duration DEFAULT_ROTATION_OVERLAP = Duration.ofHours(24);
    private static final Duration MAX_ROTATION_OVERLAP = Duration.ofDays(7);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WebhookStore store;

    public WebhookSubscriptions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = session.getProvider(WebhookStore.class);
    }

    /** A subscription just made or given a new secret, with the secret in clear: shown this once only. */
    public record WithSecret(Subscription subscription, String secret) {
        @Override
        public String toString() {
            return "WithSecret[" + subscription + "]";
        }
    }

    /**
     * Subscribes {@code url} to {@code types}.
     *
     * @throws IllegalArgumentException when the URL or a type is refused, saying what to fix
     */
    public WithSecret create(String url, List<String> types) {
        URI receiver = ReceiverAddress.parse(url);
        ReceiverAddress.refusal(session, receiver).ifPresent(refused -> {
            throw new IllegalArgumentException("'url' is refused: " + refused.toApp() + " Enter the receiver's public "
                + "https URL.");
        });
        String checked = receiver.toString();
        Set<String> chosen = types(types);
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), realm.getId(), checked, chosen,
            true, Optional.empty(), Instant.now(), new SecretCipher(session, realm).encrypt(secret), Optional.empty(),
            Optional.empty());
        store.add(subscription);
        return new WithSecret(subscription, secret.text());
    }

    public List<Subscription> list() {
        return store.subscriptions(realm.getId());
    }

    public Optional<Subscription> find(String id) {
        return store.subscription(realm.getId(), id);
    }

    public boolean remove(String id) {
        return store.remove(realm.getId(), id);
    }

    /**
     * A new secret; the current one keeps signing (both signatures in each delivery) for {@code overlap}.
     *
     * @throws IllegalArgumentException when the overlap is negative or longer than 7 days
     */
    public Optional<WithSecret> rotate(String id, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(MAX_ROTATION_OVERLAP) > 0) {
            throw new IllegalArgumentException("'previousSecretHours' must be between 0 and "
                + MAX_ROTATION_OVERLAP.toHours() + ".");
        }
        return find(id).map(subscription -> {
            WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
            Subscription rotated = subscription.rotated(new SecretCipher(session, realm).encrypt(secret),
                Instant.now().plus(overlap));
            store.update(rotated);
            return new WithSecret(rotated, secret.text());
        });
    }

    /** Delivers again to a disabled subscription: its pending messages go out at the next round. */
    public Optional<Subscription> enable(String id) {
        return find(id).map(subscription -> {
            Subscription enabled = subscription.enabledAgain();
            store.update(enabled);
            return enabled;
        });
    }

    public Optional<List<OutboxMessage>> log(String id, int first, int max) {
        return find(id).map(subscription -> store.log(subscription.id(), first, max));
    }

    /** Queues a {@code webhook.test} message for the subscription; it goes out at the next round. */
    public Optional<OutboxMessage> ping(String id) {
        return find(id).map(subscription -> {
            Instant now = Instant.now();
            OutboxMessage message = OutboxMessage.create(WebhookOutbox.newMessageId(), subscription.id(),
                realm.getId(), WebhookPayload.PING, WebhookPayload.ping(realm.getName(), subscription.id(), now), now);
            store.enqueue(message);
            return message;
        });
    }

    /** Sends a logged message again, with the same id and body, as a new series of attempts. */
    public Optional<OutboxMessage> replay(String id, String messageId) {
        return find(id).flatMap(subscription -> store.message(subscription.id(), messageId)).map(message -> {
            OutboxMessage replayed = message.replayed(Instant.now());
            store.update(replayed);
            return replayed;
        });
    }

    /** The lifecycle event types a subscription may choose. */
    public static List<String> knownTypes() {
        return Arrays.stream(LifecycleKind.values()).map(LifecycleKind::type).toList();
    }

    private static Set<String> types(List<String> types) {
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("'types' must name at least one lifecycle event type: "
                + String.join(", ", knownTypes()) + ".");
        }
        Set<String> unknown = types.stream().filter(t -> LifecycleKind.ofType(t).isEmpty())
            .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown lifecycle event type(s) " + unknown + "; choose from "
                + String.join(", ", knownTypes()) + ".");
        }
        return new LinkedHashSet<>(types);
    }
}
