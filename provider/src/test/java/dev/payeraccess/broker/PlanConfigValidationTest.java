package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.ResolverTable;
import dev.payeraccess.plan.SmartConfiguration;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The save-time rules an enabled plan must pass and a disabled one may wait for: its client id (a plan created
 * from a shared profile or a Brands Bundle has none) and its endpoints (a brand gives only a FHIR base; enabling
 * the plan discovers them). No test here has a Keycloak session, so a discovery that is attempted fails with
 * the message an administrator would read when the plan publishes no discovery document; the tests of discovered
 * endpoints hand the validation a plan's document instead.
 */
class PlanConfigValidationTest {

    private static PlanIdentityProviderConfig planWithoutClientId(boolean enabled) {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig();
        config.setAlias("plan");
        config.setEnabled(enabled);
        config.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, "https://api.plan.example/r4");
        config.getConfig().put(PlanIdentityProviderConfig.AUTHORIZATION_URL, "https://auth.plan.example/authorize");
        config.getConfig().put(PlanIdentityProviderConfig.TOKEN_URL, "https://auth.plan.example/token");
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
        PlanIdentityProviderConfig config = planWithoutClientId(false);
        config.getConfig().put(PlanIdentityProviderConfig.REFRESH_TOKENS, "sometimes");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> config.validate(null));

        assertTrue(refused.getMessage().startsWith("refreshTokens 'sometimes'"), refused.getMessage());
    }

    private static PlanIdentityProviderConfig brandPlan(boolean enabled) {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig();
        config.setAlias("brand");
        config.setEnabled(enabled);
        config.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, "https://api.brand.example/r4");
        config.getConfig().put(PlanIdentityProviderConfig.CLIENT_ID, "registered-client");
        return config;
    }

    @Test
    void aDisabledPlanWithOnlyAFhirBaseIsSavedWithoutDiscovery() {
        PlanIdentityProviderConfig config = brandPlan(false);
        config.getConfig().remove(PlanIdentityProviderConfig.CLIENT_ID);

        assertDoesNotThrow(() -> config.validate(null));

        assertNull(config.getAuthorizationUrl(), "nothing was discovered for a plan nobody calls");
        assertNull(config.getTokenUrl());
    }

    @Test
    void enablingAPlanWithoutEndpointsDiscoversThemOrRefusesWithTheClearMessage() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> brandPlan(true).validate(null));

        assertTrue(refused.getMessage().startsWith("authorizationUrl and tokenUrl are empty and could not be "
            + "discovered"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("Enter both endpoints from the plan's developer documentation."),
            refused.getMessage());
    }

    @Test
    void aDisabledPlanIsStillCheckedForItsFhirBase() {
        PlanIdentityProviderConfig config = brandPlan(false);
        config.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, "http://api.brand.example/r4");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> config.validate(null));

        assertTrue(refused.getMessage().startsWith("fhirBaseUrl 'http://api.brand.example/r4' uses http://"),
            refused.getMessage());
    }

    @Nested
    @DisplayName("Given endpoints filled in by SMART discovery")
    class DiscoveredEndpointsWaitForTheAdministrator {

        private static final String AUTHORIZE = "https://login.idp.example/plan/authorize";
        private static final String TOKEN = "https://login.idp.example/plan/token";
        private static final String REVOKE = "https://login.idp.example/plan/revoke";

        /** Each FHIR base the plan's document was fetched for, in order. */
        private final List<String> fetched = new ArrayList<>();
        private String token = TOKEN;

        private final PlanConfigValidation.SmartDocument plan = (base, timeoutMs) -> {
            fetched.add(base);
            try {
                return SmartConfiguration.parse(new ObjectMapper().readTree("{\"authorization_endpoint\": \""
                    + AUTHORIZE + "\", \"token_endpoint\": \"" + token + "\", \"revocation_endpoint\": \""
                    + REVOKE + "\", \"code_challenge_methods_supported\": [\"S256\"]}"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };

        private void save(PlanIdentityProviderConfig config) {
            new PlanConfigValidation(config, null, plan).validate();
        }

        /** An enabled plan saved with its FHIR base and credentials only, as the admin form sends it. */
        private PlanIdentityProviderConfig discovered() {
            PlanIdentityProviderConfig config = brandPlan(true);
            config.getConfig().put(PlanIdentityProviderConfig.DISCOVERED_ENDPOINTS_CONFIRMED, "false");
            save(config);
            return config;
        }

        @Test
        void savingFillsThemInForTheFormButKeepsThemOutOfUse() {
            PlanIdentityProviderConfig config = discovered();

            assertEquals(AUTHORIZE, config.getAuthorizationUrl());
            assertEquals(TOKEN, config.getTokenUrl());
            assertEquals(REVOKE, config.revocationUrl().orElseThrow());
            assertFalse(config.endpointsConfirmed());
            assertEquals("false", config.getConfig().get("discoveredEndpointsConfirmed"), "the switch shows off");
        }

        @Test
        void theFormSendingThemBackUnchangedLeavesThemWaitingWithoutAnotherDiscovery() {
            PlanIdentityProviderConfig config = discovered();

            save(config);

            assertFalse(config.endpointsConfirmed());
            assertEquals(List.of("https://api.brand.example/r4"), fetched);
        }

        @Test
        void turningTheSwitchOnConfirmsTheValuesInTheFormWithoutAskingThePlanAgain() {
            PlanIdentityProviderConfig config = discovered();
            token = "https://elsewhere.example/token";
            config.getConfig().put(PlanIdentityProviderConfig.DISCOVERED_ENDPOINTS_CONFIRMED, "true");

            save(config);

            assertTrue(config.endpointsConfirmed());
            assertEquals(TOKEN, config.getTokenUrl());
            assertEquals(1, fetched.size());
        }

        @Test
        void theSwitchTurnedOffAgainTakesThemOutOfUse() {
            PlanIdentityProviderConfig config = discovered();
            config.getConfig().put(PlanIdentityProviderConfig.DISCOVERED_ENDPOINTS_CONFIRMED, "true");
            save(config);
            config.getConfig().put(PlanIdentityProviderConfig.DISCOVERED_ENDPOINTS_CONFIRMED, "false");

            save(config);

            assertFalse(config.endpointsConfirmed());
        }

        @Test
        void endpointsTheAdministratorRetypedAreConfirmedByTyping() {
            PlanIdentityProviderConfig config = discovered();
            config.setAuthorizationUrl("https://auth.brand.example/authorize");
            config.setTokenUrl("https://auth.brand.example/token");
            config.setRevocationUrl("https://auth.brand.example/revoke");

            save(config);

            assertTrue(config.endpointsConfirmed());
            assertEquals("true", config.getConfig().get("discoveredEndpointsConfirmed"));
            assertNull(config.getConfig().get("discoveredEndpoints"), "nothing of discovery's is left to confirm");
        }

        @Test
        void retypingOneEndpointLeavesTheOthersDiscoveryWaiting() {
            PlanIdentityProviderConfig config = discovered();
            config.setTokenUrl("https://auth.brand.example/token");

            save(config);

            assertFalse(config.endpointsConfirmed());
            assertEquals(Map.of("authorizationUrl", AUTHORIZE, "revocationUrl", REVOKE),
                DiscoveredEndpoints.parse(config.getConfig().get("discoveredEndpoints")).values());
        }

        @Test
        void clearingConfirmedEndpointsDiscoversThemAgainUnconfirmedWhateverTheSwitchSays() {
            PlanIdentityProviderConfig config = discovered();
            config.getConfig().put(PlanIdentityProviderConfig.DISCOVERED_ENDPOINTS_CONFIRMED, "true");
            save(config);
            token = "https://elsewhere.example/token";
            config.getConfig().remove(PlanIdentityProviderConfig.AUTHORIZATION_URL);
            config.getConfig().remove(PlanIdentityProviderConfig.TOKEN_URL);
            config.getConfig().remove(PlanIdentityProviderConfig.REVOCATION_URL);

            save(config);

            assertEquals("https://elsewhere.example/token", config.getTokenUrl());
            assertFalse(config.endpointsConfirmed(), "the switch confirmed other values, not these");
            assertEquals(2, fetched.size());
        }

        @Test
        void aNewFhirBaseWithEmptyEndpointsIsDiscoveredAgainUnconfirmed() {
            PlanIdentityProviderConfig config = discovered();
            config.setAuthorizationUrl("https://auth.brand.example/authorize");
            config.setTokenUrl("https://auth.brand.example/token");
            config.setRevocationUrl("https://auth.brand.example/revoke");
            save(config);
            config.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, "https://api.brand.example/v2/r4");
            config.getConfig().remove(PlanIdentityProviderConfig.AUTHORIZATION_URL);
            config.getConfig().remove(PlanIdentityProviderConfig.TOKEN_URL);

            save(config);

            assertEquals(List.of("https://api.brand.example/r4", "https://api.brand.example/v2/r4"), fetched);
            assertEquals(AUTHORIZE, config.getAuthorizationUrl());
            assertFalse(config.endpointsConfirmed());
        }

        @Test
        void endpointsTypedFromTheStartNeverWaitWhateverTheFormsSwitchSays() {
            PlanIdentityProviderConfig config = planWithoutClientId(true);
            config.getConfig().put(PlanIdentityProviderConfig.CLIENT_ID, "registered-client");
            config.getConfig().put(PlanIdentityProviderConfig.DISCOVERED_ENDPOINTS_CONFIRMED, "false");

            save(config);

            assertTrue(config.endpointsConfirmed());
            assertEquals("true", config.getConfig().get("discoveredEndpointsConfirmed"), "the switch shows on");
            assertEquals(List.of(), fetched);
        }

        @Test
        void aDisabledPlanKeepsItsDiscoveredEndpointsWaiting() {
            PlanIdentityProviderConfig config = discovered();
            config.setEnabled(false);

            save(config);

            assertFalse(config.endpointsConfirmed());
        }
    }

    @Test
    void aPlanSavedBeforeTheSwitchExistedKeepsItsPinnedEndpointsInUse() {
        PlanIdentityProviderConfig config = planWithoutClientId(true);

        assertTrue(config.endpointsConfirmed(), "no marker: its endpoints were pinned before this release");
    }

    @Test
    void aPlanOnLoopbackIsRefusedOnSaveWithoutTheDevelopmentSwitchAndNeverCalled() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer simulator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        simulator.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        simulator.start();
        try {
            PlanIdentityProviderConfig config = brandPlan(true); // enabled, no endpoints: discovery would follow
            String base = "http://127.0.0.1:" + simulator.getAddress().getPort() + "/r4";
            config.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, base);

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new PlanConfigValidation(config, null, ResolverTable.publicOnly()).validate());

            assertTrue(refused.getMessage().startsWith("fhirBaseUrl '" + base + "' is a private or loopback address"),
                refused.getMessage());
            assertTrue(refused.getMessage().contains(OutboundTargets.DEVELOPMENT_SWITCH), refused.getMessage());
            assertEquals(List.of(), received, "the plan's discovery document was asked for");
        } finally {
            simulator.stop(0);
        }
    }

    @Test
    void aPlanWhoseEndpointsResolveToPrivateAddressesIsRefusedOnSave() {
        PlanIdentityProviderConfig config = planWithoutClientId(true);
        config.getConfig().put(PlanIdentityProviderConfig.CLIENT_ID, "registered-client");
        OutboundTargets targets = OutboundTargets.publicOnly(new ResolverTable()
            .with("api.plan.example", "203.0.113.10").with("auth.plan.example", "fd00::17"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new PlanConfigValidation(config, null, targets).validate());

        assertTrue(refused.getMessage().startsWith("authorizationUrl 'https://auth.plan.example/authorize' is a "
            + "private or loopback address (fd00:0:0:0:0:0:0:17)"), refused.getMessage());
    }

    @Test
    void discoveredEndpointsAtAPrivateAddressAreRefusedOnSave() {
        PlanIdentityProviderConfig config = brandPlan(true);
        OutboundTargets targets = OutboundTargets.publicOnly(new ResolverTable()
            .with("api.brand.example", "203.0.113.10").with("auth.brand.example", "169.254.169.254"));
        PlanConfigValidation.SmartDocument discovery = (base, timeoutMs) -> SmartConfiguration.parse(
            new ObjectMapper().createObjectNode().put("authorization_endpoint", "https://auth.brand.example/authorize")
                .put("token_endpoint", "https://auth.brand.example/token"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new PlanConfigValidation(config, null, targets, discovery).validate());

        assertTrue(refused.getMessage().contains("authorizationUrl 'https://auth.brand.example/authorize' is a "
            + "private or loopback address (169.254.169.254)"), refused.getMessage());
    }
}
