package dev.payeraccess.rest;

import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.links.LinkLifecycleListener;
import dev.payeraccess.links.RevokeOnUnlink;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers the extension's REST API under {@code /realms/{realm}/payer-access/}.
 *
 * <p>The id is the path segment, so it is part of the public contract (README "API").
 */
public final class PayerAccessResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = PublicUrls.API_PATH;

    private final RevokeOnUnlink revokeOnUnlink = new RevokeOnUnlink();
    private final LinkLifecycleListener linkLifecycle = new LinkLifecycleListener();
    private KeycloakSessionFactory factory;

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
     * deletion); see {@link RevokeOnUnlink}. Records links made and removed as lifecycle changes; see
     * {@link LinkLifecycleListener}. The listeners are stateless.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.factory = factory;
        factory.register(revokeOnUnlink);
        factory.register(linkLifecycle);
    }

    @Override
    public void close() {
        if (factory != null) {
            factory.unregister(revokeOnUnlink);
            factory.unregister(linkLifecycle);
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
