package dev.payeraccess.compat;

import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The two steps of Keycloak's broker callback the plan's redirect needs, whatever the Keycloak version
 * calls its callback type (Keycloak 26.5 moved {@code AuthenticationCallback} from {@code IdentityProvider}
 * to {@code UserAuthenticationIdentityProvider}).
 *
 * @param verifiedSession the login or linking session the {@code state} belongs to; throws Keycloak's own
 *     error page for a wrong or expired state
 * @param authenticated hands the linked member back to Keycloak's flow
 */
public record BrokerCallback(Function<String, AuthenticationSessionModel> verifiedSession,
                      Function<BrokeredIdentityContext, Response> authenticated) {
}
