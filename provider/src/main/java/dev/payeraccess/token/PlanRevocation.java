package dev.payeraccess.token;

import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.plan.PlanTokenEndpoint;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * Revokes a member's stored plan tokens at the plan's RFC 7009 endpoint with one call: the refresh token
 * when there is one (it ends the whole grant, and RFC 7009 2.1 has the plan invalidate the access tokens of
 * that grant with it), else the access token. Bounded by the plan's {@code upstreamTimeoutMs}.
 *
 * <p>The call goes to the revocation endpoint the token was obtained with (its {@link TokenBinding}), never
 * to one an administrator configured later: re-pointing a plan must not hand its members' tokens to the
 * new host, not even on unlink. A token stored before tokens were bound is revoked where the plan's recorded
 * binding says links like it came from ({@link StoredPlanToken#orBoundTo}, applied when the link is read); without
 * that record it is not known where it came from, and it is not sent anywhere.
 */
public final class PlanRevocation {

    private static final Logger LOG = Logger.getLogger(PlanRevocation.class);

    private PlanRevocation() {
    }

    /**
     * @param current the plan as configured now: the client that authenticates the revocation
     * @param stored the link's tokens, decrypted before the link was removed
     */
    public static RevocationOutcome revoke(KeycloakSession session, PlanEndpoints current,
                                           Optional<StoredPlanToken> stored) {
        if (stored.isEmpty()) {
            return RevocationOutcome.NOTHING_STORED;
        }
        Optional<String> endpoint = endpoint(stored.get());
        if (endpoint.isEmpty()) {
            return RevocationOutcome.NOT_SUPPORTED;
        }
        PlanTokenEndpoint exchange = new PlanTokenEndpoint(session, current.revokingAt(endpoint));
        try {
            Optional<String> refreshToken = stored.get().refreshToken();
            if (refreshToken.isPresent()) {
                exchange.revoke(refreshToken.get(), "refresh_token");
            } else {
                exchange.revoke(stored.get().accessToken(), "access_token");
            }
            return RevocationOutcome.REVOKED;
        } catch (PlanProblem e) {
            LOG.warnf("Revoking a member's tokens at plan %s failed: %s", current.alias(), e.getMessage());
            return RevocationOutcome.failed(e.getMessage());
        }
    }

    /** Where {@code stored} may be revoked: the endpoint it is bound to; nowhere when it is bound to nothing. */
    static Optional<String> endpoint(StoredPlanToken stored) {
        return stored.binding().flatMap(TokenBinding::revocationUrl);
    }
}
