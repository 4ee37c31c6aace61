package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The save-time rule on credentials: an enabled plan needs its client id, a disabled one may wait for it (a plan
 * created from a shared profile has none). Endpoints are typed and the client secret is sent, so nothing here
 * needs a Keycloak session.
 */
class PayerConfigValidationTest {

    private static PayerIdentityProviderConfig planWithoutClientId(boolean enabled) {
        PayerIdentityProviderConfig config = new PayerIdentityProviderConfig();
        config.setAlias("plan");
        config.setEnabled(enabled);
        config.getConfig().put(PayerIdentityProviderConfig.FHIR_BASE_URL, "https://api.plan.example/r4");
        config.getConfig().put(PayerIdentityProviderConfig.AUTHORIZATION_URL, "https://auth.plan.example/authorize");
        config.getConfig().put(PayerIdentityProviderConfig.TOKEN_URL, "https://auth.plan.example/token");
        return config;
    }

    @Test
    void anEnabledPlanWithoutClientIdIsRefusedNamingTheFix() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> planWithoutClientId(true).validate(null));

        assertTrue(refused.getMessage().startsWith("clientId is required for an enabled plan"), refused.getMessage());
        assertTrue(refused.getMessage().contains("save the plan disabled"), refused.getMessage());
    }

    @Test
    void aDisabledPlanMayWaitForItsClientId() {
        assertDoesNotThrow(() -> planWithoutClientId(false).validate(null));
    }

    @Test
    void aDisabledPlanIsStillCheckedForEverythingElse() {
        PayerIdentityProviderConfig config = planWithoutClientId(false);
        config.getConfig().put(PayerIdentityProviderConfig.REFRESH_TOKENS, "sometimes");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> config.validate(null));

        assertTrue(refused.getMessage().startsWith("refreshTokens 'sometimes'"), refused.getMessage());
    }
}
