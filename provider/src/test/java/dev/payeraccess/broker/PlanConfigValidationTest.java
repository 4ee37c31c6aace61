package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.ResolverTable;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The save-time rules an enabled plan must pass and a disabled one may wait for: its client id (a plan created
 * from a shared profile or a Brands Bundle has none) and its endpoints (a brand gives only a FHIR base; enabling
 * the plan discovers them). No test here has a Keycloak session, so a discovery that is attempted fails with
 * the message an administrator would read when the plan publishes no discovery document.
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
}
