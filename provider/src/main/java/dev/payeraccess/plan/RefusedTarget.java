package dev.payeraccess.plan;

import java.io.IOException;
import java.util.Optional;

/**
 * A call that was not made because {@link OutboundTargets} refuses its URL: nothing was sent. An
 * {@link IOException} so that every call to a plan meets it where it meets a plan that cannot be reached, and none
 * can forget it; {@link PlanProblem} and {@link PlanFetch} tell it apart.
 */
public final class RefusedTarget extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient OutboundTargets.Refusal refusal;

    RefusedTarget(OutboundTargets.Refusal refusal) {
        super(refusal.toApp());
        this.refusal = refusal;
    }

    public OutboundTargets.Refusal refusal() {
        return refusal;
    }

    /** Nothing to call {@code url} with unless {@code targets} allows it. */
    static void unlessAllowed(OutboundTargets targets, String url) throws RefusedTarget {
        Optional<OutboundTargets.Refusal> refused = targets.refusal(url);
        if (refused.isPresent()) {
            throw new RefusedTarget(refused.get());
        }
    }
}
