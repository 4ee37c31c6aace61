package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.Track;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An administrator saves health plans through Keycloak's admin REST API; a plan that cannot work is refused. */
@ExtendWith(PayerAccessStack.class)
class PlanConfigurationIT {

    /** The saved plan, below the realm's admin path. */
    private static final String PLAN = "identity-provider/instances/plan";

    private KeycloakStack stack;
    private TestRealm realm;

    @BeforeEach
    void setUp(KeycloakStack stack) throws Exception {
        this.stack = stack;
        realm = TestRealm.create(stack, "config");
    }

    @AfterEach
    void tearDown() throws Exception {
        realm.delete();
    }

    @Nested
    @DisplayName("Given a plan that cannot work")
    class PlanThatCannotWork {

        @Test
        void missingFhirBaseUrlIsRefusedWith400NamingTheField() throws Exception {
            ApiResponse response = create(config -> config.remove("fhirBaseUrl"));

            assertSaveRefused(response, "fhirBaseUrl is required");
        }

        @Test
        void plainHttpToARemoteHostIsRefused() throws Exception {
            ApiResponse response = create(config -> config.put("fhirBaseUrl", "http://api.plan.example/r4"));

            assertSaveRefused(response, "must use https://");
        }

        @Test
        void unknownResourceTypesAreRefused() throws Exception {
            ApiResponse response = create(config -> config.put("allowedResourceTypes", "Patient, Claimz"));

            assertSaveRefused(response, "Claimz is not a FHIR R4 resource type");
        }

        @Test
        void timeoutOutOfRangeIsRefused() throws Exception {
            ApiResponse response = create(config -> config.put("upstreamTimeoutMs", "500"));

            assertSaveRefused(response, "between 1000 and 120000");
        }

        @Test
        void undiscoverableEndpointsAreRefusedWithWhatToDo() throws Exception {
            stack.sandbox().controls().smartConfigurationPublished(false);

            ApiResponse response = create(config -> {
                config.remove("authorizationUrl");
                config.remove("tokenUrl");
            });

            assertSaveRefused(response, "authorizationUrl and tokenUrl are empty and could not be discovered");
            assertTrue(response.body().contains("HTTP 404"), response.body());
            assertTrue(response.body().contains("Enter both endpoints"), response.body());
        }

        @Test
        void aRefusedUpdateLeavesTheSavedPlanAsItWas() throws Exception {
            assertEquals(201, create(config -> { }).status());
            JsonNode before = plan();
            Map<String, Object> changed = realm.plan("plan", Track.TEST, config -> {
                config.put("upstreamTimeoutMs", "999999");
                config.put("defaultScope", "changed");
            });

            ApiResponse response = realm.admin.put(PLAN, changed);

            assertSaveRefused(response, "upstreamTimeoutMs");
            JsonNode after = plan();
            assertEquals(before.get("config").get("defaultScope"), after.get("config").get("defaultScope"));
            assertFalse(after.get("config").has("upstreamTimeoutMs"));
        }
    }

    @Nested
    @DisplayName("Given a plan that can work")
    class PlanThatCanWork {

        @Test
        void endpointsComeFromSmartDiscoveryWhenLeftEmpty() throws Exception {
            ApiResponse response = create(config -> {
                config.remove("authorizationUrl");
                config.remove("tokenUrl");
                config.remove("revocationUrl");
            });

            assertEquals(201, response.status(), response::toString);
            JsonNode saved = plan().get("config");
            assertEquals(stack.sandbox().urls().authorize(Track.TEST), saved.get("authorizationUrl").asText());
            assertEquals(stack.sandbox().urls().token(), saved.get("tokenUrl").asText());
            assertEquals(stack.sandbox().urls().revocation(), saved.get("revocationUrl").asText());
        }

        @Test
        void storedTokensAreNeverReadableWhateverTheRequestSays() throws Exception {
            Map<String, Object> plan = realm.plan("plan", Track.TEST);
            plan.put("storeToken", false);
            plan.put("addReadTokenRoleOnCreate", true);
            realm.addPlan(plan);

            JsonNode saved = plan();
            assertTrue(saved.get("storeToken").asBoolean(), "the proxy needs the tokens on the link");
            assertFalse(saved.path("addReadTokenRoleOnCreate").asBoolean(false), "apps must not read them");
        }
    }

    @Nested
    @DisplayName("Given the admin console's form for a health plan")
    class AdminForm {

        @Test
        void theFormListsEverySettingOfTheContract() throws Exception {
            JsonNode info = realm.admin.server().get("/admin/serverinfo");
            JsonNode provider = null;
            for (JsonNode p : info.get("identityProviders")) {
                if (p.get("id").asText().equals("payer")) {
                    provider = p;
                }
            }
            assertTrue(provider != null, "payer listed among identity providers");
            assertEquals("Health plan (FHIR R4)", provider.get("name").asText());
            JsonNode properties = realm.admin.get("identity-provider/providers/payer");
            String text = properties.toString();
            for (String key : new String[] {"fhirBaseUrl", "authorizationUrl", "tokenUrl", "revocationUrl",
                "clientAuthMethod", "defaultScope", "pkceEnabled", "sendAudience", "allowedResourceTypes", "logoUrl",
                "planDescription", "upstreamTimeoutMs"}) {
                assertTrue(text.contains("\"" + key + "\""), key + " missing from " + text);
            }
        }
    }

    private ApiResponse create(Consumer<Map<String, String>> change) throws Exception {
        return realm.admin.post("identity-provider/instances", realm.plan("plan", Track.TEST, change));
    }

    private JsonNode plan() throws Exception {
        return realm.admin.get(PLAN);
    }

    /** Refused on save with 400 and {@code message}; a refused creation leaves nothing behind. */
    private void assertSaveRefused(ApiResponse response, String message) throws Exception {
        assertEquals(400, response.status(), response::toString);
        assertTrue(response.body().contains(message), "expected '" + message + "' in " + response.body());
        if (response.method().equals("POST")) {
            assertEquals(404, realm.admin.read(PLAN).status(), "nothing half-saved");
        }
    }
}
