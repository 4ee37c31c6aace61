package dev.payeraccess.token;

import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * Finds the {@link DecryptedTokens} cache, which lives as long as the extension's REST provider factory
 * (Keycloak creates it once per node at startup and closes it at shutdown).
 */
public interface DecryptedTokensHolder {

    DecryptedTokens decryptedTokens();

    /** Empty only while Keycloak is still starting, before the factory's postInit ran. */
    static Optional<DecryptedTokens> of(KeycloakSession session) {
        ProviderFactory<RealmResourceProvider> factory = session.getKeycloakSessionFactory()
            .getProviderFactory(RealmResourceProvider.class, "payer-access");
        return factory instanceof DecryptedTokensHolder holder ? Optional.ofNullable(holder.decryptedTokens())
            : Optional.empty();
    }
}
