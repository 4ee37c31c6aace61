package dev.payeraccess.broker;

import dev.payeraccess.compat.BrokerCallback;
import org.keycloak.broker.provider.IdentityProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The health-plan identity provider on Keycloak 26.4, whose broker callback type is
 * {@code IdentityProvider.AuthenticationCallback} (moved in 26.5). Compiled against the 26.4 distribution's
 * own jars (see the provider's pom), and only ever loaded on a 26.4 server.
 */
final class LegacyCallbackPlanIdentityProvider extends PlanIdentityProvider {

    LegacyCallbackPlanIdentityProvider(KeycloakSession session, PlanIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    public Object callback(RealmModel realm, IdentityProvider.AuthenticationCallback callback, EventBuilder event) {
        return callbackEndpoint(realm, new BrokerCallback(callback::getAndVerifyAuthenticationSession, identity -> {
            identity.setIdp(this);
            return callback.authenticated(identity);
        }), event);
    }
}
