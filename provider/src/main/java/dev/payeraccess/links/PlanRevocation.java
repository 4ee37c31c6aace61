package dev.payeraccess.links;

import dev.payeraccess.broker.PayerIdentityProviderConfig;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.plan.PlanTokenEndpoint;
import dev.payeraccess.token.StoredPayerToken;
import dev.payeraccess.token.StoredTokenCipher;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Revokes the plan tokens stored on a link at the plan's RFC 7009 endpoint with one call: the refresh
 * token when there is one (it ends the whole grant, and RFC 7009 2.1 has the plan invalidate the access
 * tokens of that grant with it), else the access token. Bounded by the plan's {@code upstreamTimeoutMs}.
 */
final class PlanRevocation {

    private static final Logger LOG = Logger.getLogger(PlanRevocation.class);

    private PlanRevocation() {
    }

    /** The link's tokens, decrypted now: after the link is removed they can no longer be read. */
    static Optional<StoredPayerToken> storedTokens(KeycloakSession session, RealmModel realm,
                                                   FederatedIdentityModel link) {
        return new StoredTokenCipher(session, realm).decrypt(link.getToken());
    }

    static RevocationOutcome revoke(KeycloakSession session, PayerIdentityProviderConfig plan,
                                    Optional<StoredPayerToken> stored) {
        if (stored.isEmpty()) {
            return RevocationOutcome.NOTHING_STORED;
        }
        if (plan.revocationUrl().isEmpty()) {
            return RevocationOutcome.NOT_SUPPORTED;
        }
        PlanTokenEndpoint exchange = new PlanTokenEndpoint(session, plan.endpoints());
        try {
            Optional<String> refreshToken = stored.get().refreshToken();
            if (refreshToken.isPresent()) {
                exchange.revoke(refreshToken.get(), "refresh_token");
            } else {
                exchange.revoke(stored.get().accessToken(), "access_token");
            }
            return RevocationOutcome.REVOKED;
        } catch (PlanProblem e) {
            LOG.warnf("Revoking a member's tokens at plan %s failed: %s", plan.getAlias(), e.getMessage());
            return RevocationOutcome.failed(e.getMessage());
        }
    }
}
