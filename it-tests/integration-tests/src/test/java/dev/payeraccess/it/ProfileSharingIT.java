package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.Track;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One organization shares a working plan with another: the plan's profile is exported from realm A as a JSON
 * document without credentials and imported into realm B through {@code /admin/realms/{realm}/payer-access/plans/
 * {alias}/profile}, where the plan waits, disabled, for B's own client id and secret.
 */
@ExtendWith(PayerAccessStack.class)
class ProfileSharingIT {

    private static final String ALIAS = "acme";
    private static final String PROFILE = "payer-access/plans/" + ALIAS + "/profile";
    /**
     * Realm A's plan lets apps read Encounter, beyond a new plan's defaults: B confirms it. (Its user/*.read scope,
     * sent in the SMART v2 style, asks for patient/*.rs: no wider than a new plan's.)
     */
    private static final String CONFIRMED = "?confirm=allowedResourceTypes";
    private static final String PLAN = "identity-provider/instances/" + ALIAS;
    /** Credentials of realm A's plan: unique strings, so the tests can say they appear nowhere. */
    private static final String CLIENT_ID = "acme-client-of-org-a-4f1c";
    private static final String CLIENT_SECRET = "acme-secret-of-org-a-9d27e";
    /** The profile settings of realm A's plan beyond the endpoints TestRealm gives every plan. */
    private static final Map<String, String> QUIRKS = Map.of("refreshTokens", "rotating", "pagingMode", "offset",
        "offsetParameter", "_getpagesoffset", "maxRequestsPerSecond", "5", "maxConcurrentRequests", "2",
        "patientSource", "token, search", "scopeStyle", "smart-v2", "maxAuthorizationDays", "395",
        "allowedResourceTypes", "Patient, Coverage, ExplanationOfBenefit, Encounter");

    private TestRealm orgA;
    private TestRealm orgB;

    @BeforeEach
    void setUp(KeycloakStack stack) throws Exception {
        orgA = TestRealm.create(stack, "profile-a");
        orgB = TestRealm.create(stack, "profile-b");
        orgA.addPlan(orgA.plan(ALIAS, Track.TEST, config -> {
            config.putAll(QUIRKS);
            config.put("clientId", CLIENT_ID);
            config.put("clientSecret", CLIENT_SECRET);
            config.put("allowPlanSignIn", "true");
        }));
    }

    @AfterEach
    void tearDown() throws Exception {
        orgA.delete();
        orgB.delete();
    }

    @Nested
    @DisplayName("Given realm A's plan exported as a profile")
    class Exported {

        @Test
        void theExportCarriesTheSettingsAndNoCredentialOrSignInPolicy() throws Exception {
            ApiResponse export = orgA.admin.read(PROFILE);

            assertEquals(200, export.status(), export::toString);
            assertTrue(export.header("Content-Type").orElse("").startsWith("application/json"), export::toString);
            assertFalse(export.body().contains(CLIENT_ID), "the client id is in " + export.body());
            assertFalse(export.body().contains(CLIENT_SECRET), "the client secret is in " + export.body());
            JsonNode document = export.json();
            assertEquals("payer-access/plan-profile", document.get("format").asText());
            assertEquals(1, document.get("version").asInt());
            assertEquals(ALIAS, document.at("/plan/alias").asText());
            assertEquals("Demo Health Plan (" + Track.TEST.systemId() + ")", document.at("/plan/displayName").asText());
            JsonNode settings = document.at("/plan/settings");
            QUIRKS.forEach((key, value) -> assertEquals(value, settings.path(key).asText(), key));
            for (String key : List.of("fhirBaseUrl", "authorizationUrl", "tokenUrl", "revocationUrl", "defaultScope")) {
                assertTrue(settings.hasNonNull(key), key + " missing from " + settings);
            }
            assertFalse(settings.has("allowPlanSignIn"), "this organization's sign-in policy is not shared");
        }
    }

    @Nested
    @DisplayName("Given the profile imported into realm B")
    class ImportedIntoRealmB {

        @Test
        void anImportedPlanWaitsDisabledForCredentialsAndKeepsThemWhenImportedAgain() throws Exception {
            JsonNode document = orgA.admin.get(PROFILE);

            ApiResponse unconfirmed = orgB.admin.put(PROFILE, document);
            ApiResponse created = orgB.admin.put(PROFILE + CONFIRMED, document);

            assertEquals(409, unconfirmed.status(), unconfirmed::toString);
            assertTrue(unconfirmed.json().path("errorMessage").asText().contains("?confirm=allowedResourceTypes."),
                unconfirmed::toString);
            assertTrue(unconfirmed.body().contains("lets apps read Encounter"),
                "it says what the profile would widen: " + unconfirmed);
            assertEquals(201, created.status(), created::toString);
            assertTrue(created.header("Location").orElse("").endsWith("/admin/realms/" + orgB.name + "/" + PROFILE),
                created::toString);
            assertEquals(document.get("plan"), created.json().get("plan"), "the saved profile is the document's");
            JsonNode imported = orgB.admin.get(PLAN);
            assertFalse(imported.get("enabled").asBoolean(), "a plan without credentials must wait disabled");
            assertFalse(imported.get("config").has("clientId"));
            assertFalse(imported.get("config").has("clientSecret"));
            assertFalse(imported.get("config").has("allowPlanSignIn"));
            assertEquals(document.get("plan"), orgB.admin.get(PROFILE).get("plan"), "realm B's plan has A's profile");

            ObjectNode withCredentials = ((ObjectNode) imported.deepCopy()).put("enabled", true);
            ((ObjectNode) withCredentials.get("config")).put("clientId", "acme-client-of-org-b")
                .put("clientSecret", "b-secret");
            assertEquals(204, orgB.admin.put(PLAN, withCredentials).status(), "Keycloak's own API enables it");
            JsonNode enabled = orgB.admin.get(PLAN);
            assertTrue(enabled.get("enabled").asBoolean());

            ApiResponse again = orgB.admin.put(PROFILE, document);

            assertEquals(200, again.status(), again::toString);
            JsonNode after = orgB.admin.get(PLAN);
            assertEquals(enabled, after, "the same profile again changes nothing");
            assertEquals("acme-client-of-org-b", after.at("/config/clientId").asText());
            assertFalse(after.at("/config/clientSecret").asText().isEmpty(), "the client secret is kept");
        }

        @Test
        void aSettingTheSaveRefusesIsAnswered400NamingItAndNothingIsSaved() throws Exception {
            ObjectNode document = (ObjectNode) orgA.admin.get(PROFILE);
            ((ObjectNode) document.at("/plan/settings")).put("refreshTokens", "sometimes");

            ApiResponse refused = orgB.admin.put(PROFILE + CONFIRMED, document);

            assertEquals(400, refused.status(), refused::toString);
            assertTrue(refused.json().path("errorMessage").asText()
                .startsWith("refreshTokens 'sometimes' is not one of"), refused::toString);
            assertEquals(404, orgB.admin.read(PLAN).status(), "nothing half-saved");
        }

        @Test
        void aDocumentCarryingCredentialsIsRefusedNamingThem() throws Exception {
            ObjectNode document = (ObjectNode) orgA.admin.get(PROFILE);
            ((ObjectNode) document.at("/plan/settings")).put("clientSecret", CLIENT_SECRET);

            ApiResponse refused = orgB.admin.put(PROFILE, document);

            assertEquals(400, refused.status(), refused::toString);
            assertTrue(refused.body().contains("plan.settings.clientSecret is a credential"), refused::toString);
            assertFalse(refused.body().contains(CLIENT_SECRET), "a refusal never echoes a value");
        }

        @Test
        void anAliasThatIsNoHealthPlanIs404AndCannotBeOverwritten() throws Exception {
            orgB.admin.post("identity-provider/instances", Map.of("alias", ALIAS, "providerId", "oidc", "enabled", true,
                "config", Map.of("authorizationUrl", "https://idp.example.org/auth",
                    "tokenUrl", "https://idp.example.org/token", "clientId", "corp", "clientSecret", "corp-secret",
                    "clientAuthMethod", "client_secret_post"))).expect(201);

            ApiResponse unknown = orgB.admin.read("payer-access/plans/no-such-plan/profile");
            ApiResponse other = orgB.admin.read(PROFILE);
            ApiResponse overwrite = orgB.admin.put(PROFILE, orgA.admin.get(PROFILE));

            assertEquals(404, unknown.status(), unknown::toString);
            assertTrue(unknown.json().path("errorMessage").asText().contains("'no-such-plan'"), unknown::toString);
            assertEquals(404, other.status(), other::toString);
            assertEquals(409, overwrite.status(), overwrite::toString);
            assertEquals("oidc", orgB.admin.get(PLAN).get("providerId").asText());
        }
    }

    @Nested
    @DisplayName("Given the profile imported over realm A's own plan")
    class ImportedOverItsOwnPlan {

        /**
         * A profile from elsewhere that points an existing plan's token endpoint at another host would send that host
         * the plan's client secret with every code, and members who relink its login page: refused, the plan
         * unchanged.
         */
        @Test
        void aProfileNeverMovesAnExistingPlansEndpoints() throws Exception {
            ObjectNode document = (ObjectNode) orgA.admin.get(PROFILE);
            String tokenUrl = document.at("/plan/settings/tokenUrl").asText();
            ((ObjectNode) document.at("/plan/settings")).put("tokenUrl", "https://attacker.example/token");

            ApiResponse refused = orgA.admin.put(PROFILE, document);

            assertEquals(409, refused.status(), refused::toString);
            assertTrue(refused.json().path("errorMessage").asText().contains("would change tokenUrl"),
                refused::toString);
            assertEquals(tokenUrl, orgA.admin.get(PLAN).at("/config/tokenUrl").asText(), "the plan is unchanged");
            assertTrue(orgA.admin.get(PLAN).path("enabled").asBoolean());
        }

        @Test
        void anImportIsAnAdminEventOfTheIdentityProviderWithoutSecrets() throws Exception {
            orgA.admin.put("", Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true)).expect(204);
            JsonNode document = orgA.admin.get(PROFILE);

            orgA.admin.put(PROFILE, document).expect(200);

            List<JsonNode> events = StreamSupport.stream(orgA.admin.get("admin-events").spliterator(), false)
                .filter(event -> event.path("representation").asText().contains("payer-access/plan-profile")).toList();
            assertEquals(1, events.size(), events::toString);
            JsonNode event = events.get(0);
            assertEquals("UPDATE", event.get("operationType").asText());
            assertEquals("IDENTITY_PROVIDER", event.get("resourceType").asText());
            assertEquals(PLAN, event.get("resourcePath").asText());
            assertFalse(event.toString().contains(CLIENT_SECRET), event::toString);
            assertFalse(event.toString().contains(CLIENT_ID), event::toString);
        }
    }

    @Nested
    @DisplayName("Given a caller who may not manage plans")
    class NotAPlanManager {

        @Test
        void aViewOnlyAdministratorMayExportButNotImport() throws Exception {
            JsonNode document = orgA.admin.get(PROFILE);
            String auditor = viewOnlyAdministratorOf(orgA);

            assertEquals(200, call("GET", orgA, Optional.of(auditor), null).status());
            ApiResponse refused = call("PUT", orgA, Optional.of(auditor), document);

            assertEquals(403, refused.status(), refused::toString);
        }

        @Test
        void anonymousCallsAreRefusedWith401() throws Exception {
            JsonNode document = orgA.admin.get(PROFILE);

            assertEquals(401, call("GET", orgA, Optional.empty(), null).status());
            assertEquals(401, call("PUT", orgB, Optional.empty(), document).status());
            assertEquals(404, orgB.admin.read(PLAN).status());
        }
    }

    /** A user of {@code realm} with only realm-management's view-identity-providers; returns their admin token. */
    private static String viewOnlyAdministratorOf(TestRealm realm) throws Exception {
        realm.addUser("auditor");
        JsonNode management = realm.admin.get("clients?clientId=realm-management").get(0);
        String clientUuid = management.get("id").asText();
        JsonNode role = realm.admin.get("clients/" + clientUuid + "/roles/view-identity-providers");
        realm.admin.post("users/" + realm.userId("auditor") + "/role-mappings/clients/" + clientUuid, List.of(role))
            .expect(204);
        return realm.token("admin-cli", "auditor", "openid");
    }

    /** The profile endpoint of {@code realm} called with {@code token}, or anonymously. */
    private static ApiResponse call(String method, TestRealm realm, Optional<String> token, JsonNode body)
        throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realm.stack.keycloak().baseUrl()
                + realm.admin.path(PROFILE)))
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return ApiResponse.send(request.build());
    }
}
