package dev.payeraccess.webhooks;

import java.util.Optional;

/**
 * What one attempt at a delivery came to: the receiver's status when it answered, else what went wrong in a few
 * words (never the receiver's answer body, which may echo anything).
 */
record DeliveryAttempt(Optional<Integer> status, Optional<String> error) {

    static DeliveryAttempt answered(int status) {
        return new DeliveryAttempt(Optional.of(status), status >= 300 && status < 400
            ? Optional.of("redirect not followed (HTTP " + status + ")")
            : status >= 200 && status < 300 ? Optional.empty() : Optional.of("answered HTTP " + status));
    }

    static DeliveryAttempt failed(String error) {
        return new DeliveryAttempt(Optional.empty(), Optional.of(error));
    }

    DeliveryVerdict verdict() {
        return status.map(DeliveryVerdict::of).orElse(DeliveryVerdict.RETRY);
    }
}
