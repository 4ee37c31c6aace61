package dev.payeraccess.token;

import java.util.Optional;

/**
 * A member's link to a plan as {@link LinkStore} finds it: not there, holding nothing that can be read, holding
 * tokens obtained for other plan settings than the plan has now, or holding tokens that may be sent to the plan.
 * Whether a usable link's access token is still fresh is {@link TokenState}'s question, not this one's.
 */
public sealed interface MemberLink {

    /**
     * The tokens the link holds, whatever plan settings they were obtained for: what unlinking revokes and what
     * the links API and the conformance check describe. Empty when there is nothing to read.
     */
    Optional<StoredPlanToken> readable();

    /** The tokens when they may be sent to the plan as configured now; empty otherwise. */
    default Optional<StoredPlanToken> usable() {
        return Optional.empty();
    }

    /** The member has not linked the plan (or unlinked it). */
    record NotLinked() implements MemberLink {
        @Override
        public Optional<StoredPlanToken> readable() {
            return Optional.empty();
        }
    }

    /**
     * The link is there but holds nothing to read: its tokens were cleared when the plan refused a renewal, or
     * they were encrypted with a key the realm no longer has, or the text is not ours. Only a relink helps.
     */
    record Unreadable() implements MemberLink {
        @Override
        public Optional<StoredPlanToken> readable() {
            return Optional.empty();
        }
    }

    /**
     * The tokens were obtained for other endpoints or another client than the plan has now (an administrator
     * re-pointed it), or were stored before tokens were bound and the plan recorded nothing they belong to: they are
     * never sent to the plan as configured now, only revoked where they came from when that is known.
     */
    record ObtainedForOtherSettings(StoredPlanToken stored) implements MemberLink {
        @Override
        public Optional<StoredPlanToken> readable() {
            return Optional.of(stored);
        }
    }

    /**
     * The tokens may be sent to the plan as configured now: obtained for exactly its settings, or stored before
     * tokens were bound while the plan had the settings it has now (see {@link StoredPlanToken#orBoundTo}).
     */
    record Usable(StoredPlanToken stored) implements MemberLink {
        @Override
        public Optional<StoredPlanToken> readable() {
            return Optional.of(stored);
        }

        @Override
        public Optional<StoredPlanToken> usable() {
            return Optional.of(stored);
        }
    }
}
