package dev.payeraccess.token;

import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleKind;
import dev.payeraccess.lifecycle.LifecycleRecorder;
import java.time.Instant;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What a change of a link's stored tokens means in the link's lifecycle, recorded in the transaction that writes
 * it ({@link LifecycleRecorder}): new tokens are a renewal; tokens cleared because the plan refused the refresh
 * token are a revocation by the plan; tokens cleared because nothing could renew them are a required relink. A
 * change of the binding alone (same access token) is no change of state.
 */
final class LinkLifecycle {

    static final String REFUSED_RENEWAL = "plan_refused_renewal";
    static final String EXPIRED_WITHOUT_REFRESH = "expired_without_refresh_token";

    private LinkLifecycle() {
    }

    /**
     * Records the change from {@code before} (what the link held; the caller checked it held a readable token) to
     * {@code after} (cleared when empty) on the member's link.
     */
    static void tokensReplaced(KeycloakSession session, RealmModel realm, UserModel user, String plan,
                               Optional<StoredPlanToken> before, Optional<StoredPlanToken> after) {
        before.flatMap(held -> change(plan, user.getId(), held, after, Instant.now()))
            .ifPresent(change -> new LifecycleRecorder(session, realm).record(change));
    }

    /** The lifecycle change, if the replacement is one; no session needed. */
    static Optional<LifecycleChange> change(String plan, String userId, StoredPlanToken before,
                                            Optional<StoredPlanToken> after, Instant now) {
        if (after.isPresent()) {
            return after.get().accessToken().equals(before.accessToken()) ? Optional.empty()
                : Optional.of(LifecycleChange.ofLink(LifecycleKind.RENEWED, plan, userId, "active", Optional.empty(),
                    now, after.get().expiresAt()));
        }
        boolean refused = before.refreshToken().isPresent();
        return Optional.of(LifecycleChange.ofLink(refused ? LifecycleKind.REVOKED : LifecycleKind.RELINK_REQUIRED,
            plan, userId, TokenState.RELINK_REQUIRED.wireName(),
            Optional.of(refused ? REFUSED_RENEWAL : EXPIRED_WITHOUT_REFRESH), now, Optional.empty()));
    }
}
