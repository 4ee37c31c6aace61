package dev.payeraccess.lifecycle;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Receives every lifecycle change in the session and transaction it happens in, so what it writes commits or rolls
 * back with the change itself (the webhook outbox). Found through Keycloak (SPI {@code payer-access-lifecycle-sink});
 * every sink of the server gets every change.
 */
public interface LifecycleSink extends Provider {

    void accept(RealmModel realm, LifecycleChange change);
}
