package dev.payeraccess.token;

import dev.payeraccess.plan.PlanProblem;
import java.time.Instant;
import java.util.Optional;

/**
 * What the token layer can hand the proxy for one read: a token, or the reason there is none. The proxy
 * decides what each reason means for the app (409, 502, 504); {@link NoTokenReason} says it in words.
 */
public sealed interface TokenOutcome {

    /** The plan access token to send. Never logged, never in a message. */
    record Usable(String accessToken) implements TokenOutcome {
        @Override
        public String toString() {
            return "Usable[token hidden]";
        }
    }

    /**
     * Nothing usable is stored, or the plan refused to renew: the member must link the plan again.
     *
     * @param authorizationEnded when the plan's maximum authorization period ended, if that is the reason
     */
    record RelinkRequired(Optional<Instant> authorizationEnded) implements TokenOutcome {

        public RelinkRequired() {
            this(Optional.empty());
        }
    }

    /** The plan failed (or did not answer) while the token was being renewed; the link is unchanged. */
    record RenewalFailed(PlanProblem problem) implements TokenOutcome {
    }

    /** The renewal did not end within {@code seconds}; another attempt may succeed. */
    record RenewalTimedOut(int seconds) implements TokenOutcome {
    }

    /**
     * The plan refused to renew a token a renewal obtained moments ago: the member's grant is not ended here
     * for that (a glitch at the plan, or someone provoking one, must not force a relink). The link is unchanged.
     */
    record RejectedWhileFresh() implements TokenOutcome {
    }

    /** A renewal ended but left no newer usable token (e.g. it raced another change); retrying may help. */
    record RenewalUnsettled() implements TokenOutcome {
    }
}
