package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.SandboxSettings;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import java.net.http.HttpResponse;
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
    private MemberLinking walk;

    @BeforeEach
    void setUp(KeycloakStack stack) throws Exception {
        this.stack = stack;
        walk = new MemberLinking(stack);
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
        void endpointsComeFromSmartDiscoveryWhenLeftEmptyAndServeMembersOnlyOnceTheAdministratorConfirmsThem()
            throws Exception {
            realm.addSmartScopes();
            ApiResponse response = create(config -> {
                config.remove("authorizationUrl");
                config.remove("tokenUrl");
                config.remove("revocationUrl");
            });

            assertEquals(201, response.status(), response::toString);
            JsonNode saved = plan();
            assertEquals(stack.sandbox().urls().authorize(Track.TEST), saved.at("/config/authorizationUrl").asText());
            assertEquals(stack.sandbox().urls().token(), saved.at("/config/tokenUrl").asText());
            assertEquals(stack.sandbox().urls().revocation(), saved.at("/config/revocationUrl").asText());
            assertEquals("false", saved.at("/config/discoveredEndpointsConfirmed").asText(), "the switch is off");
            JsonNode health = realm.admin.get("payer-access/plans/plan/health");
            assertFalse(health.get("endpointsConfirmed").asBoolean(), health::toString);
            assertTrue(health.get("action").asText().startsWith(
                "Waiting for the administrator to confirm the discovered endpoints"), health::toString);
            assertEquals(0, realm.api().payers().json().size(), "members are not offered the plan yet");
            int authorizations = stack.sandbox().controls().requestCount(Area.AUTHORIZE);
            int tokenRequests = stack.sandbox().controls().requestCount(Area.TOKEN);

            HttpResponse<String> refused = walk.startLink(realm, "plan", TestRealm.USER, new KeycloakBrowser());

            assertEquals(403, refused.statusCode(), refused.uri() + "\n" + refused.body());
            assertTrue(refused.body().contains("This health plan cannot be connected yet"), refused.body());
            assertEquals(authorizations, stack.sandbox().controls().requestCount(Area.AUTHORIZE),
                "the browser was sent to the discovered authorization endpoint");
            assertEquals(tokenRequests, stack.sandbox().controls().requestCount(Area.TOKEN));

            ObjectNode confirmed = (ObjectNode) saved.deepCopy();
            ((ObjectNode) confirmed.get("config")).put("discoveredEndpointsConfirmed", "true")
                .put("clientSecret", SandboxSettings.KEYCLOAK_CLIENT.clientSecret());
            realm.admin.put(PLAN, confirmed).expect(204);

            assertEquals("true", plan().at("/config/discoveredEndpointsConfirmed").asText());
            assertEquals(1, realm.api().payers().json().size(), "the directory offers it");
            assertTrue(realm.admin.get("payer-access/plans/plan/health").get("endpointsConfirmed").asBoolean());
            walk.link(realm, "plan", TestMembers.SHERIE, new KeycloakBrowser());
            ApiResponse read = realm.api().as(realm.token(TestRealm.USER, "openid patient/*.read")).fhir("plan")
                .get("Patient/" + TestMembers.SHERIE.patientId());
            assertEquals(200, read.status(), read::toString);
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
                "planDescription", "upstreamTimeoutMs", "discoveredEndpointsConfirmed"}) {
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
