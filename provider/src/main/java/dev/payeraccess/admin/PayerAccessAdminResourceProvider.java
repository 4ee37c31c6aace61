package dev.payeraccess.admin;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Hands Keycloak the admin API's root resource for one request to a realm's admin API. */
final class PayerAccessAdminResourceProvider implements AdminRealmResourceProvider {

    /**
     * Keycloak calls this for {@code /admin/realms/{realm}/payer-access/...} once it has authenticated the admin
     * token (401 without one).
     */
    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new PayerAccessAdminResource(new AdminRequest(session, realm, auth, adminEvent));
    }

    @Override
    public void close() {
        // Nothing held beyond the request.
    }
}
