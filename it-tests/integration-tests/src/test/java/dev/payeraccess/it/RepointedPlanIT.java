package dev.payeraccess.it;

import static dev.payeraccess.it.Refusals.assertRefusedWithoutCallingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.SandboxSettings;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An administrator who can manage identity providers re-points a plan at a host they control: the members'
 * stored plan tokens (and the plan's client secret) never go there. The link becomes {@code relink-required}
 * without any call, unlinking revokes at the endpoint the token came from, and pointing the plan back
 * restores access. Links stored before tokens were bound belong to the plan's settings as the plan recorded them
 * once (at the first start after the upgrade, or when it was created): they keep working while the plan keeps those
 * settings, and are refused, without any call, once it was re-pointed, even before their first use.
 */
@ExtendWith(PayerAccessStack.class)
class RepointedPlanIT {

    /** Tokens this short-lived are due for renewal at once, so a read would renew first if it could. */
    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(2);

    /** The plan in the realm's admin API. */
    private static final String PLAN = "identity-provider/instances/plan";
    /** Where a plan records what links stored before token binding belong to (README "Upgrading"). */
    private static final String EARLY_LINKS_BOUND_TO = "earlyLinksBoundTo";

    private KeycloakStack stack;
    private RecordingHost otherHost;

    @BeforeEach
    void setUp(KeycloakStack stack) throws Exception {
        this.stack = stack;
        this.otherHost = RecordingHost.start();
    }

    @AfterEach
    void tearDown() {
        otherHost.close();
    }

    @Nested
    @DisplayName("Given a plan re-pointed by an administrator after its member linked")
    class RepointedAfterLinking {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"fhirBaseUrl", "tokenUrl", "revocationUrl", "clientId"})
        void aRepointedPlanGets409RelinkRequiredSendsNothingAndPointingItBackRestoresAccess(String key)
            throws Exception {
            Linked linked = link("repoint", TestMembers.SHERIE, SHORT_LIFETIME);
            Map<String, String> original = linked.planConfig();
            Thread.sleep(SHORT_LIFETIME.toMillis()); // the stored token is now due for renewal
            stack.sandbox().controls().reset();

            linked.changePlan(key, key.equals("clientId") ? "someone-elses-client" : otherUrl(key));
            ApiResponse refused = assertRefusedWithoutCallingPlan(linked.read("Coverage"), 409);
            JsonNode link = linked.onlyLink();

            assertTrue(refused.body().contains("relink-required") && refused.body().contains("kc_action=idp_link"),
                refused::toString);
            assertTrue(refused.body().contains("changed since the member linked it"), refused::toString);
            assertEquals("relink-required", link.get("tokenState").asText());
            assertEquals(List.of(), otherHost.received(), "the other host received something");
            assertEquals(0, stack.sandbox().controls().totalRequestCount(), "no read, no renewal, at either host");

            linked.changePlan(key, original.get(key));
            ApiResponse restored = linked.read("Coverage");

            assertEquals(200, restored.status(), restored::toString);
            assertEquals(1, refreshes(), "the due renewal happens at the plan the token came from");
            assertEquals("active", linked.onlyLink().get("tokenState").asText());
            assertEquals(List.of(), otherHost.received());
            linked.realm.delete();
        }

        @Test
        void unlinkingAfterTheRevocationUrlMovedRevokesOnlyWhereTheTokenCameFrom() throws Exception {
            Linked linked = link("unlink", TestMembers.MAYTE, Duration.ofHours(1));
            linked.changePlan("revocationUrl", otherUrl("revocationUrl"));

            ApiResponse unlinked = linked.realm.api()
                .as(linked.realm.token(TestRealm.USER, "openid payer-links:manage")).links().delete("plan").expect(200);

            assertEquals("revoked", unlinked.json().get("revocation").asText());
            assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE));
            assertFalse(stack.sandbox().grants().isActive(linked.refreshToken()), "the grant ended at the plan");
            assertEquals(List.of(), otherHost.received(), "the new revocation URL received something");
            assertEquals(0, linked.realm.links().size());
            linked.realm.delete();
        }

        @Test
        void aPlanChangeIsAnAdminEventThatDoesNotRecordTheSecret() throws Exception {
            Linked linked = link("event", TestMembers.DELMAR, Duration.ofHours(1));
            linked.realm.admin.put("", Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true))
                .expect(204);

            linked.changePlan("fhirBaseUrl", otherUrl("fhirBaseUrl"));
            JsonNode events = linked.realm.admin.get(
                "admin-events?resourceTypes=IDENTITY_PROVIDER&operationTypes=UPDATE");
            JsonNode demo = linked.realm.admin.server().realm(KeycloakStack.DEMO_REALM).get("");

            assertEquals(1, events.size(), events.toString());
            assertEquals("identity-provider/instances/plan", events.get(0).get("resourcePath").asText());
            assertTrue(events.get(0).get("representation").asText().contains(otherHost.base()), events.toString());
            assertFalse(events.toString().contains(SandboxSettings.KEYCLOAK_CLIENT.clientSecret()), events.toString());
            assertTrue(demo.get("adminEventsEnabled").asBoolean(), "the demo realm records plan changes");
            linked.realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a link stored by the release before tokens were bound")
    class StoredBeforeBinding {

        @Test
        void aLinkStoredBeforeBindingKeepsWorkingWhileThePlanKeepsTheSettingsItRecorded() throws Exception {
            Linked linked = link("legacy", TestMembers.GEORGE, Duration.ofHours(1));
            PreviousReleaseLinks database = new PreviousReleaseLinks(stack, linked.realm);
            database.store("plan", linked.previousReleaseShape(Duration.ofHours(1)));
            String legacyCiphertext = database.storedCiphertext("plan");
            stack.sandbox().controls().reset();

            assertEquals("active", linked.onlyLink().get("tokenState").asText());
            ApiResponse read = linked.read("Coverage");

            assertEquals(200, read.status(), read::toString);
            ReceivedRequest atPlan = stack.sandbox().controls().requests(Area.FHIR).get(0);
            assertEquals("Bearer " + linked.accessToken(), atPlan.header("Authorization").orElse(""),
                "the stored legacy token itself was used: the member did not relink");
            assertEquals(legacyCiphertext, database.storedCiphertext("plan"),
                "the plan's one record binds the link: nothing is stored again per link");
            for (JsonNode demo : linked.realm.admin.server().realm(KeycloakStack.DEMO_REALM)
                .get("identity-provider/instances")) {
                assertTrue(!"payer".equals(demo.path("providerId").asText())
                    || demo.get("config").path(EARLY_LINKS_BOUND_TO).asText().contains("bound_to"),
                    "plans there when Keycloak started have a record: " + demo.get("alias"));
            }

            linked.changePlan("fhirBaseUrl", otherUrl("fhirBaseUrl"));
            assertRefusedWithoutCallingPlan(linked.read("Coverage"), 409);
            assertEquals(List.of(), otherHost.received());
            linked.realm.delete();
        }

        @Test
        void aPlanRepointedAfterItRecordedItsSettingsRefusesAnEarlyLinkAtItsFirstUseAndSendsItNowhere()
            throws Exception {
            Linked linked = link("early", TestMembers.JASON, Duration.ofHours(1));
            PreviousReleaseLinks database = new PreviousReleaseLinks(stack, linked.realm);
            // Expired: the first read would renew it at the token endpoint before reading.
            database.store("plan", linked.previousReleaseShape(Duration.ofSeconds(-30)));
            String recorded = linked.planConfig().get(EARLY_LINKS_BOUND_TO);
            assertTrue(recorded != null && recorded.contains("bound_to"), "recorded when the plan was created");
            stack.sandbox().controls().reset();

            // Re-pointed before the member's first read since the upgrade, with the record the new settings would
            // have written into the request: an edit never changes the record.
            Map<String, String> repointed = new HashMap<>(Map.of("fhirBaseUrl", otherUrl("fhirBaseUrl"),
                "tokenUrl", otherUrl("tokenUrl"), "revocationUrl", otherUrl("revocationUrl")));
            repointed.put(EARLY_LINKS_BOUND_TO, recordOf(linked.planConfig(), repointed));
            linked.changePlan(repointed);
            ApiResponse refused = assertRefusedWithoutCallingPlan(linked.read("Coverage"), 409);

            assertEquals(recorded, linked.planConfig().get(EARLY_LINKS_BOUND_TO));
            assertTrue(refused.body().contains("relink-required") && refused.body().contains("kc_action=idp_link"),
                refused::toString);
            assertEquals("relink-required", linked.onlyLink().get("tokenState").asText());
            assertEquals(List.of(), otherHost.received(), "the new host received something");
            assertEquals(0, stack.sandbox().controls().totalRequestCount(), "no read, no renewal, at either host");

            ApiResponse unlinked = linked.realm.api()
                .as(linked.realm.token(TestRealm.USER, "openid payer-links:manage")).links().delete("plan").expect(200);

            assertEquals("revoked", unlinked.json().get("revocation").asText());
            assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE),
                "revoked where the plan's record says the link came from");
            assertFalse(stack.sandbox().grants().isActive(linked.refreshToken()), "the grant ended at the plan");
            assertEquals(List.of(), otherHost.received(), "the new revocation URL received something");
            linked.realm.delete();
        }
    }

    private String otherUrl(String key) {
        return switch (key) {
            case "fhirBaseUrl" -> otherHost.base() + "/r4";
            case "tokenUrl" -> otherHost.base() + "/oauth2/token";
            case "revocationUrl" -> otherHost.base() + "/oauth2/revoke";
            default -> throw new IllegalArgumentException(key);
        };
    }

    /**
     * What an administrator who knows how bindings are made (README "Security model") would record for the plan's
     * settings after {@code changes}: the digest of the bound settings in their canonical form.
     */
    private static String recordOf(Map<String, String> config, Map<String, String> changes) throws Exception {
        Map<String, String> after = new HashMap<>(config);
        after.putAll(changes);
        String form = ApiResponse.JSON.writeValueAsString(List.of("payer-access/token-binding/1",
            after.get("fhirBaseUrl"), after.get("tokenUrl"), after.getOrDefault("revocationUrl", ""),
            after.get("clientId")));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(form.getBytes(StandardCharsets.UTF_8));
        return ApiResponse.JSON.createObjectNode()
            .put("bound_to", Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
            .put("revocation_url", after.get("revocationUrl")).toString();
    }

    private long refreshes() {
        return stack.sandbox().controls().requests(Area.TOKEN).stream()
            .filter(r -> r.grantType().map("refresh_token"::equals).orElse(false)).count();
    }

    /** A member linked to plan {@code plan} of a realm of its own, with the tokens the sandbox issued for it. */
    private Linked link(String prefix, TestMember member, Duration tokenLifetime) throws Exception {
        TestRealm realm = TestRealm.create(stack, prefix);
        realm.addSmartScopes();
        realm.addPlan(realm.plan("plan", Track.TEST));
        stack.sandbox().controls().accessTokenLifetime(tokenLifetime);
        Set<String> before = stack.sandbox().grants().everIssued();
        MemberLinking walk = new MemberLinking(stack);
        KeycloakBrowser browser = new KeycloakBrowser();
        String appToken = walk.appAccessToken(realm, walk.link(realm, "plan", member, browser), browser);
        Set<String> issued = new HashSet<>(stack.sandbox().grants().everIssued());
        issued.removeAll(before);
        return new Linked(realm, realm.api().as(appToken), member, issued);
    }

    private final class Linked {

        final TestRealm realm;
        final PayerAccessApi app;
        final TestMember member;
        /** The access and refresh token the plan issued when the member linked. */
        final Set<String> issued;

        Linked(TestRealm realm, PayerAccessApi app, TestMember member, Set<String> issued) {
            this.realm = realm;
            this.app = app;
            this.member = member;
            this.issued = issued;
        }

        ApiResponse read(String pathAndQuery) throws Exception {
            return app.fhir("plan").get(pathAndQuery);
        }

        JsonNode onlyLink() throws Exception {
            JsonNode links = app.links().list().expect(200).json();
            assertEquals(1, links.size(), links::toString);
            return links.get(0);
        }

        String accessToken() {
            return only(t -> t.startsWith("sbx_at_"));
        }

        String refreshToken() {
            return only(t -> t.startsWith("sbx_rt_"));
        }

        private String only(Function<String, Boolean> kind) {
            return issued.stream().filter(kind::apply).reduce((a, b) -> {
                throw new IllegalStateException("more than one token of a kind was issued while linking");
            }).orElseThrow();
        }

        /**
         * The stored-token JSON as the release before binding wrote it for this link: no {@code bound_to}.
         *
         * @param expiresIn from now; negative for a token that expired
         */
        String previousReleaseShape(Duration expiresIn) throws Exception {
            StringBuilder granted = new StringBuilder();
            onlyLink().get("grantedScopes")
                .forEach(s -> granted.append(granted.length() == 0 ? "" : " ").append(s.asText()));
            long now = Instant.now().getEpochSecond();
            return ApiResponse.JSON.createObjectNode().put("v", 1).put("access_token", accessToken())
                .put("refresh_token", refreshToken()).put("expires_at", now + expiresIn.toSeconds())
                .put("scope", granted.toString()).put("patient", member.patientId()).put("obtained_at", now)
                .put("linked_at", now).toString();
        }

        Map<String, String> planConfig() throws Exception {
            return ApiResponse.JSON.convertValue(realm.admin.get(PLAN).get("config"),
                ApiResponse.JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        }

        /**
         * Changes one setting as an administrator does in the console: the plan as Keycloak shows it (the
         * client secret masked) with that one value changed, sent back.
         */
        void changePlan(String key, String value) throws Exception {
            changePlan(Map.of(key, value));
        }

        void changePlan(Map<String, String> changes) throws Exception {
            JsonNode plan = realm.admin.get(PLAN);
            changes.forEach(((ObjectNode) plan.get("config"))::put);
            realm.admin.put(PLAN, plan).expect(204);
        }
    }
}
