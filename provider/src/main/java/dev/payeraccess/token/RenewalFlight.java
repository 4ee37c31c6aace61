package dev.payeraccess.token;

import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.plan.PlanTokenEndpoint;
import dev.payeraccess.plan.PlanTokenResponse;
import dev.payeraccess.plan.RefreshTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * What the node that won a link's single flight does: when the token expired or was just rejected, it renews it
 * for the plan configuration the request was checked against, and stores it bound to that configuration (a link
 * stored before binding, taken as bound to the plan's recorded binding when read, is then stored bound too).
 *
 * <p>Three steps, none holding a database transaction across the plan's answer: read the link; ask the
 * plan; store the answer if the link still holds the token that was renewed. When it does not (the member
 * unlinked or relinked while the plan was answering) the rotated tokens have no owner left, so they are
 * revoked at once instead of staying valid at the plan.
 */
final class RenewalFlight {

    private static final Logger LOG = Logger.getLogger(RenewalFlight.class);
    /** A refused refresh within this time of a renewal does not end the member's grant here. */
    static final Duration FRESH = Duration.ofSeconds(60);

    private final StoredLinks links;
    private final String userId;
    private final PlanEndpoints plan;
    private final PlanProfile profile;
    private final TokenBinding binding;
    private final Optional<String> rejected;
    private final Duration lockTime;
    private final AtomicReference<PlanProblem> failure = new AtomicReference<>();
    private volatile boolean refusedWhileFresh;

    /**
     * @param plan the plan as the request that started the flight found it, whose binding is {@code binding}
     * @param rejected the access token the plan just answered 401 to, if that is why the flight runs
     * @param lockTime how long the cluster lock of the flight lasts, and the others wait for it: the plan's answer,
     *     a second attempt at it included, must be stored within it
     */
    RenewalFlight(StoredLinks links, String userId, PlanEndpoints plan, PlanProfile profile, Optional<String> rejected,
                  Duration lockTime) {
        this.links = links;
        this.userId = userId;
        this.plan = plan;
        this.profile = profile;
        this.binding = TokenBinding.of(plan);
        this.rejected = rejected;
        this.lockTime = lockTime;
    }

    /** Whether the plan refused to renew a token a renewal had just obtained; the link is then unchanged. */
    boolean refusedWhileFresh() {
        return refusedWhileFresh;
    }

    /** The plan's failure while renewing, if it failed; the link is then unchanged. */
    Optional<PlanProblem> failure() {
        return Optional.ofNullable(failure.get());
    }

    void run() {
        long start = System.nanoTime();
        Optional<StoredPlanToken> stored = links.find(userId).usable();
        if (stored.isEmpty()) {
            return; // unlinked, cleared, or obtained for other endpoints: nothing may be sent anywhere
        }
        StoredPlanToken found = stored.get();
        if (!needsRenewal(found)) {
            return;
        }
        Optional<PlanTokenResponse> answer = refresh(found.refreshToken(),
            lockTime.minus(Duration.ofNanos(System.nanoTime() - start)));
        if (failure.get() != null) {
            return;
        }
        if (answer.isEmpty() && found.refreshToken().isPresent() && isFreshlyRenewed(found, Instant.now())) {
            // The plan refuses a refresh token it issued moments ago: a glitch at the plan, or someone making it
            // look like one. The member's grant is not ended here for that; the app gets a 502 and may retry.
            refusedWhileFresh = true;
            return;
        }
        Optional<StoredPlanToken> renewed = answer.map(a -> found.boundTo(binding).renewedBy(a, Instant.now(),
            profile.refreshTokens()));
        boolean kept = links.replace(userId, found.accessToken(), renewed);
        if (!kept && renewed.isPresent()) {
            revokeOrphan(renewed.get());
        } else if (kept && renewed.isEmpty()) {
            LOG.infof("Plan %s refused to renew a member's token; the link now needs a relink", plan.alias());
        }
    }

    /**
     * Expired (or about to), or the very token the plan just refused; a token renewed meanwhile is left alone.
     */
    private boolean needsRenewal(StoredPlanToken found) {
        Instant now = Instant.now();
        return rejected.map(found.accessToken()::equals).orElse(false)
            || TokenState.of(Optional.of(found), now, profile) != TokenState.ACTIVE;
    }

    /** Obtained by a renewal (not by linking) within {@link #FRESH} of {@code now}. */
    static boolean isFreshlyRenewed(StoredPlanToken token, Instant now) {
        return token.obtainedAt().isAfter(token.linkedAt()) && token.obtainedAt().isAfter(now.minus(FRESH));
    }

    /**
     * The plan's answer; empty when there is no refresh token or the plan refused it (the grant is gone).
     *
     * @param left what is left of the flight's lock: a refresh the plan cannot have acted on is tried again in it
     */
    private Optional<PlanTokenResponse> refresh(Optional<String> refreshToken, Duration left) {
        if (refreshToken.isEmpty() || profile.refreshTokens() == RefreshTokens.NONE) {
            return Optional.empty();
        }
        return links.inRealm((s, realm) -> {
            try {
                return new PlanTokenEndpoint(s, plan).refresh(refreshToken.get(), left);
            } catch (PlanProblem e) {
                LOG.warnf("Renewing a member's token at plan %s failed: %s", plan.alias(), e.getMessage());
                failure.set(e);
                return Optional.empty();
            }
        });
    }

    private void revokeOrphan(StoredPlanToken renewed) {
        RevocationOutcome outcome = links.inRealm((s, realm) -> PlanRevocation.revoke(s, plan, Optional.of(renewed)));
        LOG.infof("A member's link to plan %s was removed or replaced while its token was renewed; revoking the "
            + "renewed tokens at the plan: %s", plan.alias(), outcome.status());
    }
}
