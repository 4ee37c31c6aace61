package dev.payeraccess.renewal;

import java.time.Duration;
import java.util.Optional;
import org.keycloak.provider.Provider;

/** The background renewal of links on this node's cluster, as configured (SPI {@code payer-access-link-renewal}). */
public interface LinkRenewal extends Provider {

    /** The time between rounds; empty when background renewal is off. */
    Optional<Duration> interval();

    /** How long a link is kept alive without any app reading through it. */
    Duration stopAfterUnread();

    @Override
    default void close() {
    }
}
