package dev.payeraccess.webhooks;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A receiver subscribed to lifecycle events of one realm.
 *
 * @param url where deliveries are POSTed
 * @param types the lifecycle event types it receives, e.g. {@code link.revoked}
 * @param disabledReason why it is disabled (nothing is delivered while it is), when it is
 * @param secret its signing secret, encrypted ({@link SecretCipher})
 * @param previousSecret during a rotation, the secret before, encrypted; deliveries carry both signatures until
 *     {@code previousSecretUntil}
 */
public record Subscription(String id, String realmId, String url, Set<String> types, boolean enabled,
                           Optional<String> disabledReason, Instant createdAt, String secret,
                           Optional<String> previousSecret, Optional<Instant> previousSecretUntil) {

    public Subscription {
        types = Set.copyOf(types);
    }

    /** The same subscription, disabled for {@code reason}. */
    public Subscription disabled(String reason) {
        return new Subscription(id, realmId, url, types, false, Optional.of(reason), createdAt, secret,
            previousSecret, previousSecretUntil);
    }

    /** The same subscription, delivering again. */
    public Subscription enabledAgain() {
        return new Subscription(id, realmId, url, types, true, Optional.empty(), createdAt, secret, previousSecret,
            previousSecretUntil);
    }

    /** The same subscription with a new secret, the current one kept until {@code until}. */
    public Subscription rotated(String newSecret, Instant until) {
        return new Subscription(id, realmId, url, types, enabled, disabledReason, createdAt, newSecret,
            Optional.of(secret), Optional.of(until));
    }

    /** The previous secret while it still signs at {@code now}. */
    public Optional<String> previousSecretAt(Instant now) {
        return previousSecret.filter(p -> previousSecretUntil.map(now::isBefore).orElse(false));
    }

    @Override
    public String toString() {
        return "Subscription[" + id + " " + url + "]";
    }
}
