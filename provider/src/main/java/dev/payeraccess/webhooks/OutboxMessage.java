package dev.payeraccess.webhooks;

import java.time.Instant;
import java.util.Optional;

/**
 * One message for one subscription: written in the transaction of the change it reports, then delivered until the
 * receiver takes it or its retries run out. Its row is also the delivery log's entry.
 *
 * @param id the {@code webhook-id}: the same on every attempt, so the receiver can drop repeats
 * @param body the JSON body, fixed when the message was written
 * @param attempts how many attempts were made
 * @param nextAttemptAt when the next attempt is due (pending messages only)
 * @param lastStatus the receiver's status at the last attempt, when it answered
 * @param lastError what went wrong at the last attempt, in a few words without the receiver's answer
 */
public record OutboxMessage(String id, String subscriptionId, String realmId, String type, String body,
                            Instant createdAt, Status status, int attempts, Instant nextAttemptAt,
                            Optional<Instant> lastAttemptAt, Optional<Integer> lastStatus,
                            Optional<String> lastError, Optional<Instant> deliveredAt) {

    /** Where a message is in its life. */
    public enum Status {
        /** Waiting for its next attempt. */
        PENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** Its retries ran out, or the receiver is gone (410). */
        FAILED
    }

    /** A new message, due at once. */
    public static OutboxMessage create(String id, String subscriptionId, String realmId, String type, String body,
                                       Instant now) {
        return new OutboxMessage(id, subscriptionId, realmId, type, body, now, Status.PENDING, 0, now,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** After an attempt at {@code at}: the new status, and when pending, when to try again. */
    public OutboxMessage attempted(Instant at, Status next, Instant nextAttempt, Optional<Integer> status,
                                   Optional<String> error) {
        return new OutboxMessage(id, subscriptionId, realmId, type, body, createdAt, next, attempts + 1, nextAttempt,
            Optional.of(at), status, error, next == Status.DELIVERED ? Optional.of(at) : deliveredAt);
    }

    /** Sent again from the start: pending, due at {@code now}, attempts counted from zero. */
    public OutboxMessage replayed(Instant now) {
        return new OutboxMessage(id, subscriptionId, realmId, type, body, createdAt, Status.PENDING, 0, now,
            lastAttemptAt, lastStatus, lastError, Optional.empty());
    }
}
