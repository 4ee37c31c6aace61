package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.proxy.limits.PlanCaps;
import dev.payeraccess.proxy.limits.PlanGate;
import dev.payeraccess.token.MemberLink;
import dev.payeraccess.token.NoTokenReason;
import dev.payeraccess.token.TokenOutcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * What the proxy tells an app when a plan or the member's link stands in the way, for one plan and one
 * calling app: the link URL it names is the one that app can send the member to.
 */
final class ProxyProblems {

    private final String alias;
    private final int timeoutMs;
    private final Supplier<String> linkUrl;

    /**
     * @param linkUrl the link URL, asked for only when a problem names it: building it is most of what this costs,
     *     and most requests meet no problem
     */
    ProxyProblems(String alias, int timeoutMs, Supplier<String> linkUrl) {
        this.alias = alias;
        this.timeoutMs = timeoutMs;
        this.linkUrl = linkUrl;
    }

    /** The one wording for an alias that names no enabled plan of the realm, wherever the proxy says it. */
    static FhirProblem unknownPlan(String realmName, String alias, String payersUrl) {
        return FhirProblem.notFound("Realm " + realmName + " has no enabled health plan '" + alias + "'. GET "
            + payersUrl + " lists them.");
    }

    /**
     * The member's token was obtained for other endpoints or another client than the plan has now; it is
     * not sent to the new configuration.
     */
    FhirProblem planChanged() {
        return FhirProblem.relinkRequired(NoTokenReason.planChanged(alias).toApp(linkUrl.get()));
    }

    /** Why the member's link holds nothing to send; {@code link} is anything but {@link MemberLink.Usable}. */
    FhirProblem of(MemberLink link) {
        String diagnostics = NoTokenReason.of(link, alias).toApp(linkUrl.get());
        return link instanceof MemberLink.NotLinked ? FhirProblem.notLinked(diagnostics)
            : FhirProblem.relinkRequired(diagnostics);
    }

    /** A read at the plan that failed. */
    FhirProblem of(PlanProblem problem) {
        switch (problem.kind()) {
            case TIMEOUT:
                return FhirProblem.planTimeout("Plan " + alias + " did not answer within " + timeoutMs
                    + " ms (the plan's upstreamTimeoutMs); retry later.");
            case REJECTED_RENEWED_TOKEN:
                return FhirProblem.planRejectedToken("Plan " + alias + " rejected a freshly renewed token; the plan "
                    + "may have revoked this app's access. Relinking the plan may help: " + linkUrl.get());
            case OUTSIDE_PLAN:
                return FhirProblem.forbidden("This page is not under plan " + alias + "'s FHIR base or one of its "
                    + "paging hosts, so the proxy did not call it. Follow the Bundle's links exactly as the proxy "
                    + "returned them.");
            case TARGET_REFUSED:
                // The message names the origin only: a path or query may carry the member's data.
                return FhirProblem.planUnavailable("Plan " + alias + " was not called: " + problem.refusal()
                    .map(OutboundTargets.Refusal::toApp).orElse("") + " The realm's administrator must point the "
                    + "plan at its public https endpoint.");
            case THROTTLED:
                return FhirProblem.planThrottled("The health plan " + alias + " asked this server to slow down while "
                    + "it renewed the member's token; retry after " + waitSeconds(problem) + " s.",
                        waitSeconds(problem));
            case TEMPORARILY_UNAVAILABLE:
                return FhirProblem.planTemporarilyUnavailable("The health plan " + alias + " said it is temporarily "
                    + "unavailable while it renewed the member's token; retry after " + waitSeconds(problem) + " s.",
                    waitSeconds(problem));
            default:
                return FhirProblem.planUnavailable("Plan " + alias + " could not be reached; retry later.");
        }
    }

    private static int waitSeconds(PlanProblem problem) {
        return (int) Math.max(1, problem.retryAfter().map(java.time.Duration::toSeconds).orElse(1L));
    }

    /**
     * The plan's gate on this node is closed: a cap of this server (429 {@code too_many_requests}), or a wait the
     * plan asked for (429 {@code plan_throttled}, 503 {@code plan_unavailable}), told the same way to the request
     * that heard the plan ask and to every one until the wait is over. Never a word of the plan's own answer.
     */
    FhirProblem of(PlanGate.Closed closed, PlanCaps caps) {
        int seconds = closed.retryAfterSeconds();
        // The wall clock only dates the advice; the wait itself is measured on the node's monotonic clock.
        String retry = "retry after " + seconds + " s (at " + Instant.now().plusSeconds(seconds)
            .truncatedTo(ChronoUnit.SECONDS) + ")";
        return switch (closed.reason()) {
            case RATE_CAP -> FhirProblem.tooManyRequests("This server sends plan " + alias + " at most "
                + caps.requestsPerSecond().orElse(0) + " requests per second (the plan's maxRequestsPerSecond), "
                + "and they are used up: " + retry + ".", seconds);
            case CONCURRENCY_CAP -> FhirProblem.tooManyRequests("This server already has as many requests open at "
                + "plan " + alias + " as it allows (" + caps.concurrentRequests().orElse(0) + ", the plan's "
                + "maxConcurrentRequests): " + retry + ".", seconds);
            case MEMBER_SHARE -> FhirProblem.tooManyRequests("This member already has as many requests open at plan "
                + alias + " as one member may hold (a share of its maxConcurrentRequests, "
                + caps.concurrentRequests().orElse(0) + ", so other members are served too): " + retry + ".", seconds);
            case PLAN_THROTTLED -> FhirProblem.planThrottled("The health plan " + alias + " asked this server to "
                + "slow down (it answered HTTP 429): " + retry + ". Until then nothing is sent to it.", seconds);
            case PLAN_UNAVAILABLE -> FhirProblem.planTemporarilyUnavailable("The health plan " + alias + " said it "
                + "is temporarily unavailable (it answered HTTP 503): " + retry + ". Until then nothing is sent "
                + "to it.", seconds);
        };
    }

    /** Why no token could be had for the read; {@code outcome} is anything but {@link TokenOutcome.Usable}. */
    FhirProblem of(TokenOutcome outcome) {
        if (outcome instanceof TokenOutcome.RenewalFailed failed && failed.problem().retryAfter().isPresent()) {
            // The plan's token endpoint asked to wait (429, or 503 with Retry-After): the app is told how long.
            return of(failed.problem());
        }
        String diagnostics = NoTokenReason.of(outcome, alias).toApp(linkUrl.get());
        if (outcome instanceof TokenOutcome.RenewalFailed failed) {
            boolean timedOut = failed.problem().kind() == PlanProblem.Kind.TIMEOUT;
            return timedOut ? FhirProblem.planTimeout(diagnostics) : FhirProblem.planUnavailable(diagnostics);
        }
        if (outcome instanceof TokenOutcome.RenewalTimedOut) {
            return FhirProblem.planTimeout(diagnostics);
        }
        if (outcome instanceof TokenOutcome.RejectedWhileFresh) {
            return FhirProblem.planRejectedToken(diagnostics);
        }
        if (outcome instanceof TokenOutcome.RenewalUnsettled) {
            return FhirProblem.planUnavailable(diagnostics);
        }
        return FhirProblem.relinkRequired(diagnostics);
    }
}
