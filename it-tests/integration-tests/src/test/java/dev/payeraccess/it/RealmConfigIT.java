package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The realms in {@code realm-config/} as Keycloak's own realm import ({@code --import-realm}, with
 * environment placeholders) created them in the test server: the demo realm and the 1upHealth template.
 */
@ExtendWith(PayerAccessStack.class)
class RealmConfigIT {

    /** Two of the SMART 2.0 granular scopes (US Core, CARIN) both realms ship, each a client scope of its own. */
    private static final List<String> GRANULAR = List.of(
        "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
        "patient/ExplanationOfBenefit.rs?type=http://terminology.hl7.org/CodeSystem/claim-type|pharmacy");

    @Test
    void theDemoRealmHasItsAppTheSmartScopesAndThreePlansOnTheSandbox(KeycloakStack stack) throws Exception {
        KeycloakAdmin.Realm admin = new KeycloakAdmin(stack.keycloak()).realm(KeycloakStack.DEMO_REALM);

        JsonNode plans = admin.get("identity-provider/instances");
        assertEquals(List.of("digitalinsurance", "payer2payer", "test"), sorted(plans, "alias"));
        for (JsonNode plan : plans) {
            assertTrue(plan.get("config").get("fhirBaseUrl").asText().startsWith(stack.sandbox().urls().base()),
                plan.toString());
            assertTrue(plan.get("linkOnly").asBoolean(), "plans are linked, never signed in with: " + plan);
            assertTrue(plan.get("hideOnLogin").asBoolean(), plan.toString());
        }
        JsonNode app = admin.get("clients?clientId=" + KeycloakStack.DEMO_CLIENT).get(0);
        assertTrue(app.get("publicClient").asBoolean());
        assertEquals("S256", app.get("attributes").get("pkce.code.challenge.method").asText());
        assertEquals(List.of(stack.demoApp().url() + "/*"), texts(app.get("redirectUris")));
        assertTrue(texts(app.get("defaultClientScopes")).contains("patient/*.read"));
        assertTrue(texts(app.get("optionalClientScopes"))
            .containsAll(List.of("payer-links:read", "payer-links:manage")));
        assertTrue(sorted(admin.get("default-optional-client-scopes"), "name").stream().noneMatch(s -> s.contains("/")),
            "SMART scopes are the demo app's, not every new client's");
        List<String> scopes = sorted(admin.get("client-scopes"), "name");
        assertTrue(scopes.containsAll(List.of("profile", "email", "roles", "patient/ExplanationOfBenefit.read",
            "patient/*.rs", "payer-links:read", "payer-links:manage")), scopes.toString());
        assertTrue(scopes.containsAll(GRANULAR), scopes.toString());
        assertTrue(texts(app.get("optionalClientScopes")).containsAll(GRANULAR), "the demo app may ask for them");
        assertTrue(texts(admin.get("events/config").get("enabledEventTypes"))
            .contains("IDENTITY_PROVIDER_RETRIEVE_TOKEN"));
        assertReconnectPromptBesideKeycloaksOwnActions(admin);
    }

    @Test
    void theOneUpHealthTemplateImportsWithItsSecretsFromTheEnvironment(KeycloakStack stack) throws Exception {
        KeycloakAdmin.Realm admin = new KeycloakAdmin(stack.keycloak()).realm("oneup-demo-health-plan");

        JsonNode plans = admin.get("identity-provider/instances");

        assertEquals(List.of("oneup-digitalinsurance", "oneup-payer2payer", "oneup-test"), sorted(plans, "alias"));
        for (JsonNode plan : plans) {
            JsonNode config = plan.get("config");
            String track = plan.get("alias").asText().substring("oneup-".length());
            assertEquals("https://api.1updemohealthplan.com/r4", config.get("fhirBaseUrl").asText());
            assertEquals("https://auth.1updemohealthplan.com/oauth2/authorize/" + track,
                config.get("authorizationUrl").asText());
            assertEquals("https://auth.1updemohealthplan.com/oauth2/token", config.get("tokenUrl").asText());
            assertEquals(KeycloakStack.TEMPLATE_ENVIRONMENT.get("ONEUP_CLIENT_ID"), config.get("clientId").asText());
            assertEquals(track.equals("digitalinsurance") ? "patient/*.read openid" : "user/*.read openid",
                config.get("defaultScope").asText());
            assertTrue(plan.get("linkOnly").asBoolean(), plan.toString());
        }
        List<String> scopes = sorted(admin.get("client-scopes"), "name");
        assertTrue(scopes.containsAll(List.of("payer-links:read", "payer-links:manage")), scopes.toString());
        assertTrue(scopes.containsAll(GRANULAR), scopes.toString());
        assertReconnectPromptBesideKeycloaksOwnActions(admin);
    }

    /**
     * A realm file that lists {@code requiredActions} gets only those: the reconnect prompt is there, enabled, and so
     * are Keycloak's own actions the extension and members rely on ({@code idp_link} for every relink).
     */
    private static void assertReconnectPromptBesideKeycloaksOwnActions(KeycloakAdmin.Realm admin) throws Exception {
        List<String> enabled = new ArrayList<>();
        admin.get("authentication/required-actions").forEach(action -> {
            if (action.get("enabled").asBoolean()) {
                enabled.add(action.get("alias").asText());
            }
        });
        assertTrue(enabled.containsAll(List.of("payer-access-reconnect", "idp_link", "UPDATE_PASSWORD",
            "VERIFY_EMAIL", "CONFIGURE_TOTP")), enabled.toString());
    }

    private static List<String> sorted(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asText()));
        values.sort(null);
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
