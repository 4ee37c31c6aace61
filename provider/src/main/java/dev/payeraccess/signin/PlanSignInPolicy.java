package dev.payeraccess.signin;

import java.util.Optional;

/**
 * Whether a browser sent to a health plan may go on into Keycloak. A plan's member check (name, birth date,
 * member ID and ZIP code, all printed on an insurance card) proves who a member is to the plan; it is no
 * password for an account of the organization. So a plan is a place to link, and signing in through it is
 * refused unless an administrator turned it on for that plan; even then an existing account is entered only
 * after its own password and second factor (the post-broker-login flow of {@link PlanSignInFlows}), and a
 * member linked to no account gets a new one only where the realm lets people register. Pure.
 */
public final class PlanSignInPolicy {

    /** Why the browser went to the plan, as Keycloak's authentication session says. */
    public enum Purpose {
        /** A signed-in user links the plan to their own account (account console, picker, app-initiated). */
        LINK,
        /** Somebody signs in to Keycloak through the plan ({@code kc_idp_hint}, the broker login URL). */
        SIGN_IN
    }

    /**
     * A refusal the member sees on Keycloak's error page and the log and event record.
     *
     * @param reason for the log and the event; never member data
     */
    public record Refusal(String reason, String memberMessage) {
    }

    static final Refusal LINK_ONLY = new Refusal("sign-in through a link-only health plan refused",
        "This health plan cannot be used to sign in. Sign in to your account first, then connect the plan "
            + "from the app or your account page.");
    static final Refusal NO_ACCOUNT = new Refusal(
        "sign-in through a health plan refused: the member is linked to no account and the realm does not allow "
            + "registration",
        "No account is connected to this health plan membership, and new accounts cannot be created here. Sign "
            + "in to your account first, then connect the plan.");

    private PlanSignInPolicy() {
    }

    /** Before the browser is sent to the plan, and again before the code it brings back is redeemed. */
    public static Optional<Refusal> beforePlan(Purpose purpose, boolean planAllowsSignIn) {
        return purpose == Purpose.SIGN_IN && !planAllowsSignIn ? Optional.of(LINK_ONLY) : Optional.empty();
    }

    /**
     * Once the plan named the member. An existing account goes on to the post-broker-login flow, which asks
     * for the account's own credentials; a member of no account reaches Keycloak's first-broker-login flow,
     * which creates accounts, only where the realm allows registration.
     */
    public static Optional<Refusal> forMember(Purpose purpose, boolean planAllowsSignIn, boolean memberHasAccount,
                                              boolean registrationAllowed) {
        Optional<Refusal> beforePlan = beforePlan(purpose, planAllowsSignIn);
        if (beforePlan.isPresent() || purpose == Purpose.LINK || memberHasAccount) {
            return beforePlan;
        }
        return registrationAllowed ? Optional.empty() : Optional.of(NO_ACCOUNT);
    }
}
