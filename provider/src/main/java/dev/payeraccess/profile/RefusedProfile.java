package dev.payeraccess.profile;

/** A body that is no plan profile this Keycloak can save (answered 400); the message names the field and the fix. */
public final class RefusedProfile extends Exception {

    RefusedProfile(String message) {
        // A refusal is an answer, not a fault: no stack trace to fill.
        super(message, null, false, false);
    }
}
