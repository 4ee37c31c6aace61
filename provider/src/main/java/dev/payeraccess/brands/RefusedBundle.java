package dev.payeraccess.brands;

/** A body that is no Brands Bundle at all (answered 400); the message says what was sent and what is expected. */
public final class RefusedBundle extends Exception {

    RefusedBundle(String message) {
        // A refusal is an answer, not a fault: no stack trace to fill.
        super(message, null, false, false);
    }
}
