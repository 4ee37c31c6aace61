package dev.payeraccess.rest;

import dev.payeraccess.links.RevokeOnUnlink;
import dev.payeraccess.token.DecryptedTokens;
import dev.payeraccess.token.DecryptedTokensHolder;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers the extension's REST API under {@code /realms/{realm}/payer-access/}.
 *
 * <p>The id is the path segment, so it is part of the public contract (see DESIGN.md).
 */
public final class PayerAccessResourceProviderFactory implements RealmResourceProviderFactory, DecryptedTokensHolder {

    public static final String ID = "payer-access";

    private final RevokeOnUnlink revokeOnUnlink = new RevokeOnUnlink();
    private KeycloakSessionFactory factory;
    private DecryptedTokens decryptedTokens;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PayerAccessResourceProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
        // No settings: everything a plan needs lives in its identity provider configuration.
    }

    /**
     * Revokes plan tokens when Keycloak itself removes a link (account console, admin console, user
     * deletion); see {@link RevokeOnUnlink}. The listener is stateless.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.factory = factory;
        factory.register(revokeOnUnlink);
        try (KeycloakSession session = factory.create()) {
            decryptedTokens = DecryptedTokens.create(session);
        }
    }

    /** The node-local cache of decrypted links; see {@link DecryptedTokens}. */
    @Override
    public DecryptedTokens decryptedTokens() {
        return decryptedTokens;
    }

    @Override
    public void close() {
        if (factory != null) {
            factory.unregister(revokeOnUnlink);
        }
        if (decryptedTokens != null) {
            decryptedTokens.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
