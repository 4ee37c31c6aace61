package dev.payeraccess.admin;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * What Keycloak hands an admin API request of this extension: the realm being administered, the caller's
 * permissions in it ({@code auth.realm().require...()} answers 403 when missing) and the builder of the admin
 * event recording a change.
 */
record AdminRequest(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                    AdminEventBuilder adminEvent) {
}
