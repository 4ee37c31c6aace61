package dev.payeraccess.token;

import java.util.Optional;
import org.keycloak.provider.Provider;

/**
 * Links this node has already decrypted, found by their ciphertext. Opening a stored link costs an RSA
 * private-key operation (milliseconds, the largest part of a proxied read), so each stored value is opened
 * once per node. Keyed by the ciphertext, an entry can never be stale: renewing or clearing a link stores
 * a new ciphertext, and the old entry is simply never asked for again. That is why it may be node-local in
 * a cluster.
 */
public interface OpenedLinks extends Provider {

    Optional<StoredPlanToken> get(String ciphertext);

    void put(String ciphertext, StoredPlanToken token);

    /** The cache outlives the session that asked for it; {@link OpenedLinksFactory#close()} ends it. */
    @Override
    default void close() {
    }
}
