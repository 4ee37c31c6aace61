package dev.payeraccess.broker;

import dev.payeraccess.compat.BrokerCallback;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The health-plan identity provider on Keycloak 26.5 and later, whose broker callback type is
 * {@link UserAuthenticationIdentityProvider.AuthenticationCallback}.
 */
final class ModernCallbackPlanIdentityProvider extends PlanIdentityProvider {

    ModernCallbackPlanIdentityProvider(KeycloakSession session, PlanIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    public Object callback(RealmModel realm, UserAuthenticationIdentityProvider.AuthenticationCallback callback,
                           EventBuilder event) {
        return callbackEndpoint(realm, new BrokerCallback(callback::getAndVerifyAuthenticationSession, identity -> {
            identity.setIdp(this);
            return callback.authenticated(identity);
        }), event);
    }
}
