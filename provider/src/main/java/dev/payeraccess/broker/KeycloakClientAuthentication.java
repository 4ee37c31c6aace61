package dev.payeraccess.broker;

import dev.payeraccess.plan.ClientAuthentication;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

/**
 * The plan's client authentication done by Keycloak's own OAuth 2.0 broker
 * ({@code AbstractOAuth2IdentityProvider#authenticateTokenRequest}), keyed on the same {@code clientAuthMethod}:
 * the secret in the body or as HTTP Basic (resolved through the vault), or an RFC 7523 client assertion
 * signed with the realm's active key of the plan's {@code clientAssertionSigningAlg}. Keycloak keeps that code
 * correct; this class only hands it the plan.
 */
final class KeycloakClientAuthentication implements ClientAuthentication {

    private final IdentityProviderModel plan;

    /** @param plan copied, so later changes to the caller's configuration do not reach a running call */
    KeycloakClientAuthentication(IdentityProviderModel plan) {
        this.plan = new IdentityProviderModel(plan);
    }

    @Override
    public SimpleHttpRequest authenticate(KeycloakSession session, SimpleHttpRequest request) {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig(new IdentityProviderModel(plan));
        return new PlanIdentityProviderFactory().create(session, config).authenticateTokenRequest(request);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "KeycloakClientAuthentication[" + plan.getAlias() + ", " + plan.getConfig().get(
            PlanIdentityProviderConfig.CLIENT_AUTH_METHOD) + "]";
    }
}
