package dev.payeraccess.it;

import dev.payeraccess.launch.KeycloakStack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after every other integration test (see {@code junit-platform.properties}): by now Keycloak has
 * linked, refreshed, proxied and failed in every way the suite provokes. Its whole log must not hold a
 * single access or refresh token the sandbox ever issued.
 */
@ExtendWith(PayerAccessStack.class)
@Order(Integer.MAX_VALUE)
class NoPayerTokenLeakIT {

    @Test
    void theKeycloakLogHoldsNoPayerToken(KeycloakStack stack) throws Exception {
        PayerTokens.assertNoneIn(stack, stack.keycloak().logText(), "the Keycloak log " + stack.keycloak().log());
    }
}
