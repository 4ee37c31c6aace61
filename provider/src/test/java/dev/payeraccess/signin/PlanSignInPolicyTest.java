package dev.payeraccess.signin;

import static dev.payeraccess.signin.PlanSignInPolicy.Purpose.LINK;
import static dev.payeraccess.signin.PlanSignInPolicy.Purpose.SIGN_IN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanSignInPolicyTest {

    @Test
    void linkingIsAlwaysAllowed() {
        assertEquals(Optional.empty(), PlanSignInPolicy.beforePlan(LINK, false));
        assertEquals(Optional.empty(), PlanSignInPolicy.forMember(LINK, false, false, false));
        assertEquals(Optional.empty(), PlanSignInPolicy.forMember(LINK, false, true, false));
    }

    @Test
    void signingInThroughALinkOnlyPlanIsRefusedBeforeThePlanIsAsked() {
        assertEquals(Optional.of(PlanSignInPolicy.LINK_ONLY), PlanSignInPolicy.beforePlan(SIGN_IN, false));
        assertEquals(Optional.of(PlanSignInPolicy.LINK_ONLY), PlanSignInPolicy.forMember(SIGN_IN, false, true, true));
    }

    @Test
    void anExistingAccountGoesOnToItsOwnCredentialsWhenThePlanAllowsSignIn() {
        assertEquals(Optional.empty(), PlanSignInPolicy.beforePlan(SIGN_IN, true));
        assertEquals(Optional.empty(), PlanSignInPolicy.forMember(SIGN_IN, true, true, false));
    }

    @Test
    void aMemberOfNoAccountGetsOneOnlyWhereTheRealmAllowsRegistration() {
        assertEquals(Optional.of(PlanSignInPolicy.NO_ACCOUNT), PlanSignInPolicy.forMember(SIGN_IN, true, false, false));
        assertEquals(Optional.empty(), PlanSignInPolicy.forMember(SIGN_IN, true, false, true));
    }
}
