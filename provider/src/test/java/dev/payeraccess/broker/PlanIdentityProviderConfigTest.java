package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanIdentityProviderConfigTest {

    @Test
    void defaultsAreTheContractsDefaults() {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig();

        assertTrue(config.isPkceEnabled());
        assertEquals("S256", config.getPkceMethod());
        assertTrue(config.sendsAudience());
        assertTrue(config.sendsScope());
        assertEquals(30_000, config.upstreamTimeoutMs());
        assertEquals(List.of("Patient", "Coverage", "ExplanationOfBenefit", "Organization", "Practitioner",
            "PractitionerRole", "Location"), config.allowedResourceTypes());
        assertEquals("client_secret_post", config.getClientAuthMethod());
        assertEquals(Optional.empty(), config.fhirBaseUrl());
        assertFalse(config.allowsPlanSignIn(), "plans are link-only unless an administrator turns sign-in on");
    }

    @Test
    void onlyAnExplicitTrueAllowsPlanSignIn() {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig();
        for (String value : new String[] {"", "false", "yes", "1", "on"}) {
            config.getConfig().put("allowPlanSignIn", value);
            assertFalse(config.allowsPlanSignIn(), value);
        }
        config.getConfig().put("allowPlanSignIn", "true");
        assertTrue(config.allowsPlanSignIn());
    }

    @Test
    void theAdminFormOffersPlanSignInOffByDefaultAndStatesTheRisk() {
        var property = new PlanIdentityProviderFactory().getConfigProperties().stream()
            .filter(p -> p.getName().equals(PlanIdentityProviderConfig.ALLOW_PLAN_SIGN_IN)).findFirst().orElseThrow();

        assertEquals("false", property.getDefaultValue());
        assertTrue(property.getLabel().contains("risky"), property.getLabel());
        assertTrue(property.getHelpText().contains("not a password"), property.getHelpText());
        assertTrue(property.getHelpText().contains("its own password"), property.getHelpText());
    }

    @Test
    void switchesTurnOff() {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig();
        config.getConfig().put("pkceEnabled", "false");
        config.getConfig().put("sendAudience", "false");
        config.getConfig().put("sendScope", "false");

        assertFalse(config.isPkceEnabled());
        assertFalse(config.sendsAudience());
        assertFalse(config.sendsScope());
    }

    @Test
    void baseUrlLosesItsTrailingSlash() {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig();
        config.getConfig().put("fhirBaseUrl", " https://api.plan.example/r4/ ");

        assertEquals(Optional.of("https://api.plan.example/r4"), config.fhirBaseUrl());
    }

    @Test
    void resourceTypesAcceptCommasSpacesAndTheConsolesSeparator() {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig();
        config.getConfig().put("allowedResourceTypes", "Patient, Coverage##Encounter  Observation");

        assertEquals(List.of("Patient", "Coverage", "Encounter", "Observation"), config.allowedResourceTypes());
    }
}
