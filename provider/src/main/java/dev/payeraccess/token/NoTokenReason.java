package dev.payeraccess.token;

/**
 * Why a member's link gives nothing to send to the plan, and what ends that: the one explanation of each
 * {@link MemberLink} and {@link TokenOutcome} that is not usable, told to an app developer (the proxy's
 * diagnostics, naming the URL that sends the member to link the plan) or to an administrator (the conformance
 * check's findings). The words never hold a token or member data, only the plan's alias, times and the short
 * problem text the plan layer wrote.
 *
 * @param sentence what happened, one or more sentences ending in a full stop
 * @param remedy what ends it
 */
public record NoTokenReason(String sentence, Remedy remedy) {

    /** What the reader, or the member, does about it. */
    public enum Remedy {
        /** The member has not linked the plan: they link it. */
        LINK,
        /** Nothing stored can be used: the member links the plan again (the proxy answers relink-required). */
        LINK_AGAIN,
        /** The plan's maximum authorization period ended: the member authorizes the plan again. */
        AUTHORIZE_AGAIN,
        /** The plan failed; the link is kept as it is and a later try may succeed. */
        RETRY_LATER,
        /** Nothing failed for good (a renewal was slow or raced another change): trying again may succeed. */
        RETRY,
        /** The link is kept, but the plan may have revoked the grant: retry, then link again if it persists. */
        RETRY_THEN_LINK_AGAIN
    }

    /** @param link anything but {@link MemberLink.Usable} */
    public static NoTokenReason of(MemberLink link, String alias) {
        if (link instanceof MemberLink.NotLinked) {
            return new NoTokenReason("The user has not linked plan " + alias + ".", Remedy.LINK);
        }
        if (link instanceof MemberLink.Unreadable) {
            return new NoTokenReason("The member's link to plan " + alias + " holds no readable authorization: it "
                + "was cleared when the plan refused a renewal, or encrypted with a key the realm no longer has.",
                Remedy.LINK_AGAIN);
        }
        if (link instanceof MemberLink.ObtainedForOtherSettings) {
            return planChanged(alias);
        }
        throw new IllegalArgumentException("A usable link needs no reason");
    }

    /**
     * The member's tokens were obtained for other endpoints or another client than the plan has now, so they are
     * not sent to the new configuration.
     */
    public static NoTokenReason planChanged(String alias) {
        return new NoTokenReason("The endpoints or client of plan " + alias + " changed since the member linked it, "
            + "so their stored authorization is not sent to the new configuration.", Remedy.LINK_AGAIN);
    }

    /** @param outcome anything but {@link TokenOutcome.Usable} */
    public static NoTokenReason of(TokenOutcome outcome, String alias) {
        if (outcome instanceof TokenOutcome.RelinkRequired relink && relink.authorizationEnded().isPresent()) {
            return new NoTokenReason("The member's authorization with plan " + alias + " ended on "
                + relink.authorizationEnded().get() + " (the plan limits how long an authorization lasts).",
                Remedy.AUTHORIZE_AGAIN);
        }
        if (outcome instanceof TokenOutcome.RelinkRequired) {
            return new NoTokenReason("Plan " + alias + " no longer accepts the member's stored authorization.",
                Remedy.LINK_AGAIN);
        }
        if (outcome instanceof TokenOutcome.RenewalFailed failed) {
            return new NoTokenReason("Plan " + alias + " failed while the member's token was renewed ("
                + failed.problem().getMessage() + ").", Remedy.RETRY_LATER);
        }
        if (outcome instanceof TokenOutcome.RenewalTimedOut slow) {
            return new NoTokenReason("Renewing the member's token at plan " + alias + " took longer than "
                + slow.seconds() + " s.", Remedy.RETRY);
        }
        if (outcome instanceof TokenOutcome.RejectedWhileFresh) {
            return new NoTokenReason("Plan " + alias + " refused to renew a token it issued moments ago; the link "
                + "is kept.", Remedy.RETRY_THEN_LINK_AGAIN);
        }
        if (outcome instanceof TokenOutcome.RenewalUnsettled) {
            return new NoTokenReason("The member's token at plan " + alias + " could not be renewed just now.",
                Remedy.RETRY);
        }
        throw new IllegalArgumentException("A usable token needs no reason");
    }

    /**
     * For the app that asked the proxy: the sentence, then how to send the member to {@code linkUrl}. An outcome
     * that ends only by linking again starts with {@code relink-required}, the word the links API uses.
     */
    public String toApp(String linkUrl) {
        String send = " (add your redirect_uri) to ";
        return switch (remedy) {
            case LINK -> sentence + " Send them to " + linkUrl + send + "link it.";
            case LINK_AGAIN -> relinkRequired() + " Send the member to " + linkUrl + send + "link the plan again.";
            case AUTHORIZE_AGAIN -> relinkRequired() + " Send the member to " + linkUrl + send + "authorize it again.";
            case RETRY_LATER -> sentence + " Retry later.";
            case RETRY -> sentence + " Retry the request.";
            case RETRY_THEN_LINK_AGAIN -> sentence + " Retry later; if it persists, relinking the plan may help: "
                + linkUrl;
        };
    }

    /** For an administrator checking the plan with the member's link. */
    public String toAdministrator() {
        return switch (remedy) {
            case LINK -> sentence + " The member must link the plan first.";
            case LINK_AGAIN, AUTHORIZE_AGAIN -> sentence + " The member must link the plan again.";
            case RETRY_LATER -> sentence + " Check again later.";
            case RETRY -> sentence + " Check again.";
            case RETRY_THEN_LINK_AGAIN -> sentence + " Check again later; if it persists, the member may need to "
                + "link the plan again.";
        };
    }

    private String relinkRequired() {
        return "relink-required: " + Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
