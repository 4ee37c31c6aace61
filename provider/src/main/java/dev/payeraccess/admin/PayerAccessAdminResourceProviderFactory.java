package dev.payeraccess.admin;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/**
 * Registers the extension's admin API under {@code /admin/realms/{realm}/payer-access/}, next to Keycloak's own
 * admin API of the realm. The id is the path segment, so it is part of the public contract.
 *
 * <p>Keycloak calls this SPI ({@code admin-realm-restapi-extension}) internal and says so when the server is built
 * (KC-SERVICES0047, as for the realm API's SPI); its signature is the same in 26.4.7, 26.5.6 and 26.7.3.
 */
public final class PayerAccessAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String ID = "payer-access";

    private static final PayerAccessAdminResourceProvider PROVIDER = new PayerAccessAdminResourceProvider();

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
        // No settings: what the admin API works on lives in the realm.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to start.
    }

    @Override
    public void close() {
        // Nothing held.
    }

    @Override
    public String getId() {
        return ID;
    }
}
