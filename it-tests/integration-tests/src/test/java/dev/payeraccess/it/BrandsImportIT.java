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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An organization adds many plans at once from a SMART User-access Brands Bundle through
 * {@code POST /admin/realms/{realm}/payer-access/brands}: each (brand, FHIR endpoint) pair becomes a plan that waits
 * disabled for its credentials, importing again changes nothing, and the realm's directory exported as a Brands
 * Bundle ({@code GET /realms/{realm}/payer-access/payers/brands}) imports into another realm as the same plans.
 *
 * <p>The fixture, {@code brands/user-access-brands.json}: Acme Health (one endpoint, at the sandbox), its sub-brand
 * Acme Health of Texas (no endpoint of its own), Bayside Health Plan (two endpoints: the sandbox under its IP address,
 * and a path of the sandbox that publishes no SMART discovery) and Cedar Valley Health (an endpoint over plain http).
 */
@ExtendWith(PayerAccessStack.class)
class BrandsImportIT {

    static final String IMPORT = "payer-access/brands";
    static final String ENABLE = "payer-access/plans/enable";
    static final String ACME = "acmehealth";
    static final String BAYSIDE_MEMBERS = "bayside";
    static final String BAYSIDE_MEDICARE = "bayside-2";

    private KeycloakStack stack;
    private TestRealm realm;
    private String bundle;

    @BeforeEach
    void setUp(KeycloakStack stack) throws Exception {
        this.stack = stack;
        realm = TestRealm.create(stack, "brands");
        bundle = fixture(stack);
    }

    @AfterEach
    void tearDown() throws Exception {
        realm.delete();
    }

    @Nested
    @DisplayName("Given a realm without plans importing the Bundle")
    class IntoARealmWithoutPlans {

        @Test
        void importCreatesOneDisabledPlanPerBrandEndpointAndSaysWhatItRefusedAndWhy() throws Exception {
            ApiResponse imported = importInto(realm, bundle);

            assertEquals(200, imported.status(), imported::toString);
            JsonNode answer = imported.json();
            assertEquals(List.of(ACME, BAYSIDE_MEMBERS, BAYSIDE_MEDICARE), aliases(answer.get("created")));
            assertEquals(0, answer.get("updated").size());
            assertEquals(0, answer.get("unchanged").size());
            Map<String, String> refused = refusals(answer);
            assertEquals(List.of("Organization/acme-texas", "Organization/cedar, Endpoint/cedar-r4"),
                List.copyOf(refused.keySet()), answer::toString);
            assertTrue(refused.get("Organization/acme-texas").startsWith("The brand is part of Acme Health"),
                refused::toString);
            assertTrue(refused.get("Organization/cedar, Endpoint/cedar-r4")
                .contains("uses http://: health plan endpoints must use https://"), refused::toString);

            JsonNode acme = plan(ACME);
            assertFalse(acme.get("enabled").asBoolean(), "a plan without credentials waits disabled");
            assertEquals("Acme Health", acme.get("displayName").asText());
            JsonNode config = acme.get("config");
            assertEquals(sandbox() + "/r4", config.get("fhirBaseUrl").asText());
            assertEquals("https://acmehealth.example/brand/logo.svg", config.get("logoUrl").asText());
            assertEquals("For members of Acme Health's employer and individual plans.",
                config.get("planDescription").asText());
            assertFalse(config.has("clientId"));
            assertFalse(config.has("authorizationUrl"), "nothing is discovered for a plan nobody calls yet");
            assertEquals("Bayside Health Plan (Medicare)", plan(BAYSIDE_MEDICARE).get("displayName").asText());
            assertEquals(sandboxByIp() + "/r4", plan(BAYSIDE_MEMBERS).at("/config/fhirBaseUrl").asText());
            assertEquals(0, realm.api().payers().json().size(), "members are offered no plan before it is enabled");
            assertEquals(0, realm.api().get("payers/brands").json().path("entry").size(), "nor other apps");
        }

        @Test
        void eachCreatedPlanIsAnAdminEventOfItsIdentityProvider() throws Exception {
            realm.admin.put("", Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true)).expect(204);

            importInto(realm, bundle).expect(200);
            importInto(realm, bundle).expect(200);

            List<JsonNode> events = StreamSupport.stream(realm.admin.get("admin-events?resourceTypes=IDENTITY_PROVIDER")
                .spliterator(), false).toList();
            assertEquals(3, events.size(), "one per created plan, none for an unchanged one: " + events);
            assertTrue(events.stream().allMatch(event -> event.get("operationType").asText().equals("CREATE")));
            assertEquals(List.of("identity-provider/instances/" + ACME,
                "identity-provider/instances/" + BAYSIDE_MEMBERS, "identity-provider/instances/" + BAYSIDE_MEDICARE),
                events.stream().map(e -> e.get("resourcePath").asText()).sorted().toList());
        }
    }

    @Nested
    @DisplayName("Given the Bundle's plans imported, waiting for their credentials")
    class ImportedPlans {

        @BeforeEach
        void importTheBundle() throws Exception {
            importInto(realm, bundle).expect(200);
        }

        @Test
        void enablingAnImportedPlanWithItsCredentialsDiscoversItsEndpointsLikeAHandMadePlan() throws Exception {
            ApiResponse withoutClientId = complete(ACME, config -> config.remove("clientId"));
            ApiResponse enabled = complete(ACME, config -> { });
            ApiResponse undiscoverable = complete(BAYSIDE_MEDICARE, config -> { });

            assertEquals(400, withoutClientId.status(), withoutClientId::toString);
            assertTrue(withoutClientId.body().contains("clientId is required for an enabled plan"),
                withoutClientId::toString);
            assertEquals(204, enabled.status(), enabled::toString);
            JsonNode acme = plan(ACME);
            assertTrue(acme.get("enabled").asBoolean());
            assertEquals(stack.sandbox().urls().authorize(Track.TEST), acme.at("/config/authorizationUrl").asText());
            assertEquals(stack.sandbox().urls().token(), acme.at("/config/tokenUrl").asText());
            assertEquals("false", acme.at("/config/discoveredEndpointsConfirmed").asText());
            assertEquals(List.of(), aliases(realm.api().payers().json()),
                "the directory waits for the administrator to confirm the discovered endpoints");
            realm.addSmartScopes();
            HttpResponse<String> refused = new MemberLinking(stack).startLink(realm, ACME, TestRealm.USER,
                new KeycloakBrowser());
            assertEquals(403, refused.statusCode(), refused.uri() + "\n" + refused.body());
            assertTrue(refused.body().contains("This health plan cannot be connected yet"), refused.body());
            confirm(ACME).expect(204);
            assertEquals(List.of(ACME), aliases(realm.api().payers().json()), "the directory offers it");
            new MemberLinking(stack).link(realm, ACME, TestMembers.SHERIE, new KeycloakBrowser());
            ApiResponse read = realm.api().as(realm.token(TestRealm.USER, "openid patient/*.read")).fhir(ACME)
                .get("Patient/" + TestMembers.SHERIE.patientId());
            assertEquals(200, read.status(), read::toString);
            assertEquals(400, undiscoverable.status(), undiscoverable::toString);
            assertTrue(undiscoverable.body().contains("authorizationUrl and tokenUrl are empty and could not be "
                + "discovered: " + sandbox() + "/medicare/r4/.well-known/smart-configuration answered HTTP 404"),
                undiscoverable::toString);
            assertFalse(plan(BAYSIDE_MEDICARE).get("enabled").asBoolean(), "a refused enable leaves it disabled");
            assertEquals(204, complete(BAYSIDE_MEDICARE, config -> {
                config.put("authorizationUrl", stack.sandbox().urls().authorize(Track.DEMOPLAN));
                config.put("tokenUrl", stack.sandbox().urls().token());
            }).status(), "with its endpoints typed in, it is saved as a hand-made plan is");
        }

        @Test
        void manyImportedPlansAreEnabledInOneRequestAnsweringPlanByPlanWithoutEchoingASecret() throws Exception {
            realm.admin.put("", Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true)).expect(204);
            String secret = SandboxSettings.KEYCLOAK_CLIENT.clientSecret();
            String clientId = SandboxSettings.KEYCLOAK_CLIENT.clientId();

            JsonNode answer = enable("application/json", ApiResponse.JSON.writeValueAsString(Map.of("plans", List.of(
                Map.of("alias", ACME, "clientId", clientId, "clientSecret", secret),
                Map.of("alias", BAYSIDE_MEDICARE, "clientId", clientId, "clientSecret", secret),
                Map.of("alias", BAYSIDE_MEMBERS, "clientSecret", secret),
                Map.of("alias", "nowhere", "clientId", clientId))))).expect(200).json();

            Map<String, JsonNode> plans = byAlias(answer);
            assertEquals("enabled", plans.get(ACME).get("outcome").asText(), answer::toString);
            assertFalse(plans.get(ACME).get("inUse").asBoolean(), "its discovered endpoints wait for confirmation");
            JsonNode waiting = plans.get(ACME).get("awaitingConfirmation");
            assertEquals(stack.sandbox().urls().authorize(Track.TEST), waiting.get("authorizationUrl").asText());
            assertTrue(plans.get(BAYSIDE_MEDICARE).get("reason").asText().contains(
                "authorizationUrl and tokenUrl are empty and could not be discovered"), answer::toString);
            assertTrue(plans.get(BAYSIDE_MEMBERS).get("reason").asText().contains(
                "clientId is required for an enabled plan"), answer::toString);
            assertTrue(plans.get("nowhere").get("reason").asText().contains("has no health plan nowhere"));
            assertEquals(1, answer.at("/counts/enabled").asInt());
            assertEquals(3, answer.at("/counts/refused").asInt());
            assertFalse(plan(BAYSIDE_MEMBERS).get("enabled").asBoolean(), "a refused plan stays as it was");
            assertEquals(List.of(), aliases(realm.api().payers().json()));

            ObjectNode wrong = ApiResponse.JSON.createObjectNode();
            wrong.putArray("plans").addObject().put("alias", ACME).putObject("confirmEndpoints")
                .put("authorizationUrl", "https://elsewhere.example/authorize");
            assertEquals("refused", byAlias(enable("application/json", wrong.toString()).expect(200).json()).get(ACME)
                .get("outcome").asText(), "only the endpoints the answer named are confirmed");
            ObjectNode confirm = ApiResponse.JSON.createObjectNode();
            confirm.putArray("plans").addObject().put("alias", ACME).set("confirmEndpoints", waiting);
            JsonNode confirmed = byAlias(enable("application/json", confirm.toString()).expect(200).json()).get(ACME);
            assertEquals("confirmed", confirmed.get("outcome").asText(), confirmed::toString);
            assertTrue(confirmed.get("inUse").asBoolean());
            JsonNode csv = byAlias(enable("text/csv", "alias,clientId,clientSecret\n" + BAYSIDE_MEMBERS + ","
                + clientId + ",\"" + secret + "\"\n").expect(200).json()).get(BAYSIDE_MEMBERS);
            assertEquals("enabled", csv.get("outcome").asText(), csv::toString);
            assertEquals(List.of(ACME), aliases(realm.api().payers().json()), "the directory offers the confirmed one");

            List<JsonNode> events = StreamSupport.stream(realm.admin.get(
                "admin-events?resourceTypes=IDENTITY_PROVIDER&operationTypes=UPDATE").spliterator(), false).toList();
            assertEquals(3, events.size(), "enabled, confirmed, enabled: " + events);
            assertTrue(events.stream().allMatch(e -> e.get("representation").asText().contains("\"changed\"")));
            assertFalse(events.toString().contains(secret) || answer.toString().contains(secret),
                "the secret is in an event or the answer");
            ApiResponse viewOnly = send(realm, Optional.of(viewOnlyAdministrator()), ENABLE, "application/json",
                wrong.toString());
            assertEquals(403, viewOnly.status(), "enabling plans needs manage-identity-providers: " + viewOnly);
        }

        @Test
        void importingAgainChangesNothingAndKeepsWhatTheAdministratorSet() throws Exception {
            complete(ACME, config -> config.put("scopeStyle", "smart-v2")).expect(204);
            JsonNode completed = plan(ACME);

            JsonNode again = importInto(realm, bundle).expect(200).json();

            assertEquals(List.of(), aliases(again.get("created")));
            assertEquals(List.of(), aliases(again.get("updated")));
            assertEquals(List.of(ACME, BAYSIDE_MEMBERS, BAYSIDE_MEDICARE), aliases(again.get("unchanged")));
            assertEquals(2, again.get("refused").size(), again::toString);
            assertEquals(completed, plan(ACME), "credentials, enabled state and profile settings stay");

            JsonNode renamed = importInto(realm, bundle.replace("\"Acme Health\"", "\"Acme Health Plans\""))
                .expect(200).json();

            assertEquals(List.of(ACME), aliases(renamed.get("updated")));
            assertEquals("[\"displayName\"]", renamed.at("/updated/0/changed").toString());
            JsonNode after = plan(ACME);
            assertEquals("Acme Health Plans", after.get("displayName").asText());
            assertTrue(after.get("enabled").asBoolean());
            assertEquals(completed.get("config"), after.get("config"));
            assertEquals(3, payerPlans(realm).size(), "no plan was added twice");
        }

        @Test
        void theRealmsDirectoryExportedAsABrandsBundleImportsIntoAnotherRealmAsTheSamePlans() throws Exception {
            complete(ACME, config -> { }).expect(204);
            complete(BAYSIDE_MEMBERS, config -> { }).expect(204);
            confirm(ACME).expect(204);
            confirm(BAYSIDE_MEMBERS).expect(204);
            complete(BAYSIDE_MEDICARE, config -> {
                config.put("authorizationUrl", stack.sandbox().urls().authorize(Track.DEMOPLAN));
                config.put("tokenUrl", stack.sandbox().urls().token());
            }).expect(204);
            realm.addPlan(realm.plan("handmade", Track.PAYER2PAYER, config -> config.put("fhirBaseUrl",
                sandbox() + "/handmade/r4")));
            TestRealm other = TestRealm.create(stack, "brands-b");
            try {
                ApiResponse export = realm.api().get("payers/brands");
                ApiResponse unchanged = realm.api().withHeader("If-None-Match", export.header("ETag").orElseThrow())
                    .get("payers/brands");
                ApiResponse fromBrowserApp = realm.api().withHeader("Origin", "https://app.example")
                    .get("payers/brands");

                assertEquals(200, export.status(), export::toString);
                assertTrue(export.header("Content-Type").orElse("").startsWith("application/fhir+json"),
                    export::toString);
                assertTrue(export.header("ETag").orElseThrow().startsWith("W/"), "a weak ETag, as the profile asks");
                assertEquals(304, unchanged.status(), unchanged::toString);
                assertEquals("Bundle", export.json().get("resourceType").asText());
                assertEquals("collection", export.json().get("type").asText());
                assertTrue(fromBrowserApp.header("Access-Control-Allow-Origin").isPresent(),
                    "CORS, as the profile asks");
                for (String secret : List.of(SandboxSettings.KEYCLOAK_CLIENT.clientId(),
                    SandboxSettings.KEYCLOAK_CLIENT.clientSecret(), "/oauth2/")) {
                    assertFalse(export.body().contains(secret), "the export shows " + secret);
                }

                JsonNode intoOther = importInto(other, export.body()).expect(200).json();
                JsonNode intoItself = importInto(realm, export.body()).expect(200).json();

                assertEquals(List.of(ACME, BAYSIDE_MEMBERS, BAYSIDE_MEDICARE, "handmade"),
                    aliases(intoOther.get("created")));
                assertEquals(0, intoOther.get("refused").size(), intoOther::toString);
                assertEquals(brands(realm), brands(other), "the same names, logos, descriptions and FHIR bases");
                assertTrue(payerPlans(other).stream().noneMatch(p -> p.get("enabled").asBoolean()),
                    "they wait for the other organization's own credentials");
                assertEquals(List.of(ACME, BAYSIDE_MEMBERS, BAYSIDE_MEDICARE, "handmade"),
                    aliases(intoItself.get("unchanged")), intoItself::toString);
            } finally {
                other.delete();
            }
        }

        @Test
        void anAdministratorCompletesAndEnablesAnImportedPlanInTheAdminConsole() throws Exception {
            Path target = stack.workDir();
            ChromeDriver browser = HeadlessChromium.start(target.resolve("chromium-profile-brands"));
            Path shot = target.resolve("screenshots/admin-console-enable-imported-plan.png");
            try {
                browser.get(stack.keycloak().baseUrl() + "/admin/master/console/#/" + realm.name
                    + "/identity-providers/payer/" + ACME + "/settings");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                wait.until(d -> !d.findElements(By.id("username")).isEmpty());
                browser.findElement(By.id("username")).sendKeys(stack.keycloak().adminUser());
                browser.findElement(By.id("password")).sendKeys(stack.keycloak().adminPassword());
                browser.findElement(By.id("kc-login")).click();
                wait.until(d -> !d.findElements(By.id("config.clientId")).isEmpty());
                assertTrue(browser.findElement(By.tagName("body")).getText().contains("Acme Health"),
                    "the plan's page");

                // The console clears the secret when the client id changes, so the secret comes second.
                browser.findElement(By.id("config.clientId")).sendKeys(SandboxSettings.KEYCLOAK_CLIENT.clientId());
                browser.findElement(By.id("config.clientSecret")).sendKeys(
                    SandboxSettings.KEYCLOAK_CLIENT.clientSecret());
                // The page header's switch (its id is the title's, "Acme-Health-switch"), not one of the form's.
                WebElement enabled = browser.findElement(By.cssSelector("input[type='checkbox'][id$='-switch']"));
                assertFalse(enabled.isSelected(), "the imported plan is shown disabled");
                enabled.findElement(By.xpath("./ancestor::label[1]")).click();
                wait.until(d -> HeadlessChromium.pageText(d).contains("Provider successfully updated"));
                assertTrue(browser.findElement(By.cssSelector("input[type='checkbox'][id$='-switch']")).isSelected());
                HeadlessChromium.screenshot(browser, shot);
                // Opened again, the form shows what enabling discovered.
                browser.navigate().refresh();
                wait.until(d -> !d.findElements(By.cssSelector("input[id$='authorizationUrl']")).isEmpty()
                    && !d.findElement(By.cssSelector("input[id$='authorizationUrl']")).getDomProperty("value")
                        .isEmpty());
                assertEquals(stack.sandbox().urls().authorize(Track.TEST), browser.findElement(
                    By.cssSelector("input[id$='authorizationUrl']")).getDomProperty("value"));
                // Discovered, not confirmed: the administrator compares them and turns the switch on.
                WebElement confirmed = browser.findElement(
                    By.cssSelector("input[type='checkbox'][id$='discoveredEndpointsConfirmed']"));
                assertFalse(confirmed.isSelected(), "the discovered endpoints wait for the administrator");
                WebElement confirmSwitch = confirmed.findElement(By.xpath("./ancestor::label[1]"));
                // Below the fold the form's sticky Save bar would take the click.
                browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", confirmSwitch);
                confirmSwitch.click();
                browser.findElement(By.xpath("//button[@data-testid='idp-details-save' or normalize-space()='Save']"))
                    .click();
                wait.until(d -> HeadlessChromium.pageText(d).contains("Provider successfully updated"));
            } catch (RuntimeException e) {
                HeadlessChromium.screenshot(browser, shot);
                throw new AssertionError("the console did not save the plan; screenshot " + shot + ", page: "
                    + browser.findElement(By.tagName("body")).getText(), e);
            } finally {
                browser.quit();
            }

            JsonNode saved = plan(ACME);
            assertTrue(saved.get("enabled").asBoolean(), saved::toString);
            assertEquals(SandboxSettings.KEYCLOAK_CLIENT.clientId(), saved.at("/config/clientId").asText());
            assertEquals(stack.sandbox().urls().authorize(Track.TEST), saved.at("/config/authorizationUrl").asText(),
                "enabling discovered the endpoints");
            assertEquals("true", saved.at("/config/discoveredEndpointsConfirmed").asText(),
                "the console's switch confirmed them");
            assertEquals(sandbox() + "/r4", saved.at("/config/brandEndpoint").asText(),
                "the console keeps keys off its form");
            assertEquals("urn:ietf:rfc:3986|https://www.acmehealth.example",
                saved.at("/config/brandIdentifier").asText());
            JsonNode again = importInto(realm, bundle).expect(200).json();
            assertEquals(List.of(), aliases(again.get("created")),
                "the console kept what the import recorded: " + again);
            assertTrue(aliases(again.get("unchanged")).contains(ACME), again::toString);
        }
    }

    @Nested
    @DisplayName("Given a body or a caller the import refuses")
    class RefusedImports {

        @Test
        void aBodyThatIsNoBrandsBundleIsRefusedAndOnlyPlanManagersMayImport() throws Exception {
            ApiResponse patient = importInto(realm, "{\"resourceType\": \"Patient\"}");
            String auditor = viewOnlyAdministrator();
            ApiResponse viewOnly = send(realm, Optional.of(auditor), bundle);
            ApiResponse anonymous = send(realm, Optional.empty(), bundle);

            assertEquals(400, patient.status(), patient::toString);
            assertTrue(patient.json().path("errorMessage").asText().startsWith("The body is a Patient, not a Bundle"),
                patient::toString);
            assertEquals(403, viewOnly.status(), viewOnly::toString);
            assertEquals(401, anonymous.status(), anonymous::toString);
            assertEquals(List.of(), payerPlans(realm), "nothing imported");
        }
    }

    /** A user of the realm with only realm-management's view-identity-providers; returns their admin token. */
    private String viewOnlyAdministrator() throws Exception {
        realm.addUser("auditor");
        String management = realm.clientUuid("realm-management");
        JsonNode role = realm.admin.get("clients/" + management + "/roles/view-identity-providers");
        realm.admin.post("users/" + realm.userId("auditor") + "/role-mappings/clients/" + management, List.of(role))
            .expect(204);
        return realm.token("admin-cli", "auditor", "openid");
    }

    /** The fixture Bundle with its endpoints at the running sandbox, as {@code localhost} and as {@code 127.0.0.1}. */
    static String fixture(KeycloakStack stack) throws IOException {
        try (InputStream in = BrandsImportIT.class.getResourceAsStream("/brands/user-access-brands.json")) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String base = stack.sandbox().urls().base();
            return template.replace("${SANDBOX_BY_IP}", base.replace("//localhost:", "//127.0.0.1:"))
                .replace("${SANDBOX}", base);
        }
    }

    /** Imports {@code bundle} into {@code realm} as the server's administrator. */
    static ApiResponse importInto(TestRealm realm, String bundle) throws IOException, InterruptedException {
        return send(realm, Optional.of(realm.admin.server().accessToken()), bundle);
    }

    private static ApiResponse send(TestRealm realm, Optional<String> token, String bundle)
        throws IOException, InterruptedException {
        return send(realm, token, IMPORT, "application/fhir+json", bundle);
    }

    private static ApiResponse send(TestRealm realm, Optional<String> token, String path, String contentType,
                                    String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realm.stack.keycloak().baseUrl()
                + realm.admin.path(path)))
            .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return ApiResponse.send(request.build());
    }

    /** {@code POST payer-access/plans/enable}: many plans' credentials at once, as the server's administrator. */
    private ApiResponse enable(String contentType, String sheet) throws IOException, InterruptedException {
        return send(realm, Optional.of(realm.admin.server().accessToken()), ENABLE, contentType, sheet);
    }

    private static Map<String, JsonNode> byAlias(JsonNode answer) {
        Map<String, JsonNode> plans = new LinkedHashMap<>();
        answer.get("plans").forEach(plan -> plans.put(plan.get("alias").asText(), plan));
        return plans;
    }

    /**
     * What an administrator does with an imported plan through Keycloak's own admin API: enters the client id and
     * secret the plan registered, applies {@code change}, and enables it.
     */
    private ApiResponse complete(String alias, Consumer<ObjectNode> change) throws Exception {
        ObjectNode plan = (ObjectNode) plan(alias).deepCopy();
        plan.put("enabled", true);
        ObjectNode config = (ObjectNode) plan.get("config");
        config.put("clientId", SandboxSettings.KEYCLOAK_CLIENT.clientId());
        config.put("clientSecret", SandboxSettings.KEYCLOAK_CLIENT.clientSecret());
        change.accept(config);
        return realm.admin.put("identity-provider/instances/" + alias, plan);
    }

    /**
     * What an administrator does after comparing the endpoints an enabled plan discovered with the plan's
     * documentation: turns on the switch that confirms them, and saves the form as it is.
     */
    private ApiResponse confirm(String alias) throws Exception {
        ObjectNode plan = (ObjectNode) plan(alias).deepCopy();
        ObjectNode config = (ObjectNode) plan.get("config");
        config.put("discoveredEndpointsConfirmed", "true");
        config.put("clientSecret", SandboxSettings.KEYCLOAK_CLIENT.clientSecret());
        return realm.admin.put("identity-provider/instances/" + alias, plan);
    }

    private JsonNode plan(String alias) throws Exception {
        return realm.admin.get("identity-provider/instances/" + alias);
    }

    private String sandbox() {
        return stack.sandbox().urls().base();
    }

    private String sandboxByIp() {
        return sandbox().replace("//localhost:", "//127.0.0.1:");
    }

    private static List<JsonNode> payerPlans(TestRealm realm) throws Exception {
        return StreamSupport.stream(realm.admin.get("identity-provider/instances").spliterator(), false)
            .filter(plan -> plan.get("providerId").asText().equals("payer")).toList();
    }

    /** Each plan's alias and what members see of it: name, logo, description, FHIR base. */
    private static Map<String, List<String>> brands(TestRealm realm) throws Exception {
        Map<String, List<String>> brands = new TreeMap<>();
        for (JsonNode plan : payerPlans(realm)) {
            JsonNode config = plan.get("config");
            brands.put(plan.get("alias").asText(), List.of(plan.path("displayName").asText(),
                config.path("logoUrl").asText(), config.path("planDescription").asText(),
                config.path("fhirBaseUrl").asText()));
        }
        return brands;
    }

    private static List<String> aliases(JsonNode plans) {
        return StreamSupport.stream(plans.spliterator(), false).map(plan -> plan.get("alias").asText()).toList();
    }

    /** Each refusal's source in the Bundle and its reason, in the answer's order. */
    private static Map<String, String> refusals(JsonNode answer) {
        Map<String, String> refused = new LinkedHashMap<>();
        answer.get("refused").forEach(r -> refused.put(r.get("source").asText(), r.get("reason").asText()));
        return refused;
    }
}
