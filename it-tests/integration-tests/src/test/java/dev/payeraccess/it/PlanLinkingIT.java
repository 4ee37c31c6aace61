package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A signed-in Keycloak user links health plans through Keycloak's real login pages (application-initiated
 * linking, {@code kc_action=idp_link:{alias}}) and the sandbox's verification page.
 */
@ExtendWith(PayerAccessStack.class)
class PlanLinkingIT {

    private KeycloakStack stack;
    private MemberLinking walk;

    @BeforeEach
    void setUp(KeycloakStack stack) {
        this.stack = stack;
        this.walk = new MemberLinking(stack);
    }

    @Nested
    @DisplayName("Given a signed-in user linking a plan through Keycloak and the plan's verification page")
    class Linking {

        @Test
        void linksTheTestTrackAsSherie() throws Exception {
            assertLinksTrack(Track.TEST, TestMembers.SHERIE);
        }

        @Test
        void linksThePayerToPayerTrackAsMayte() throws Exception {
            assertLinksTrack(Track.PAYER2PAYER, TestMembers.MAYTE);
        }

        @Test
        void linksTheDigitalInsuranceTrackAsJason() throws Exception {
            assertLinksTrack(Track.DIGITAL_INSURANCE, TestMembers.JASON);
        }

        private void assertLinksTrack(Track track, TestMember member) throws Exception {
            TestRealm realm = TestRealm.create(stack, "link");
            realm.addPlan(realm.plan("plan", track));

            HttpResponse<String> end = walk.link(realm, "plan", member, new KeycloakBrowser());

            assertTrue(KeycloakBrowser.location(end).startsWith(TestRealm.APP_REDIRECT), KeycloakBrowser.location(end));
            assertTrue(KeycloakBrowser.location(end).contains("kc_action_status=success"),
                KeycloakBrowser.location(end));
            JsonNode links = realm.links();
            assertEquals(1, links.size());
            assertEquals("plan", links.get(0).get("identityProvider").asText());
            assertEquals(member.patientId(), links.get(0).get("userId").asText(),
                "the link is the member's Patient id");

            ReceivedRequest authorize = stack.sandbox().controls().requests(Area.AUTHORIZE).get(0);
            Map<String, String> query = MemberLinking.query(authorize.query());
            assertEquals(stack.sandbox().urls().fhirBase(), query.get("aud"), "SMART aud is the FHIR base");
            assertEquals("S256", query.get("code_challenge_method"));
            assertEquals(track.defaultScope() + " openid", query.get("scope"));
            assertEquals(1, stack.sandbox().controls().requestCount(Area.TOKEN), "the code is exchanged once, at once");
            realm.delete();
        }

        @Test
        void aSecondPlanCoexistsWithTheFirst() throws Exception {
            TestRealm realm = TestRealm.create(stack, "two");
            realm.addPlan(realm.plan("claims", Track.TEST));
            realm.addPlan(realm.plan("card", Track.DIGITAL_INSURANCE));
            KeycloakBrowser browser = new KeycloakBrowser();

            walk.link(realm, "claims", TestMembers.GEORGE, browser);
            walk.link(realm, "card", TestMembers.GEORGE, new KeycloakBrowser());

            Set<String> aliases = new HashSet<>();
            realm.links().forEach(l -> aliases.add(l.get("identityProvider").asText()));
            assertEquals(Set.of("claims", "card"), aliases);
            realm.delete();
        }

        @Test
        void withoutPatientContextOrIdTokenTheMemberIsFoundByPatientSearch() throws Exception {
            TestRealm realm = TestRealm.create(stack, "search");
            realm.addPlan(realm.plan("plan", Track.TEST, config -> config.put("defaultScope", "user/*.read")));
            stack.sandbox().controls().patientContextSent(false);

            walk.link(realm, "plan", TestMembers.SHERIE, new KeycloakBrowser());

            assertEquals(TestMembers.SHERIE.patientId(), realm.links().get(0).get("userId").asText());
            assertEquals(1, stack.sandbox().controls().requests(Area.FHIR).stream()
                .filter(r -> r.path().endsWith("/r4/Patient")).count(), "one Patient search at the plan");
            realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a plan that refuses or fails while linking")
    class FailedLinking {

        @Test
        void denyingAtThePlanEndsOnKeycloaksErrorPageWithNoLink() throws Exception {
            TestRealm realm = TestRealm.create(stack, "deny");
            realm.addPlan(realm.plan("plan", Track.TEST));
            KeycloakBrowser browser = new KeycloakBrowser();

            HttpResponse<String> planPage = walk.toPlanPage(realm, "plan", browser);
            HttpResponse<String> end = browser.follow(browser.verifyMember(planPage, Map.of("action", "deny")),
                TestRealm.APP_REDIRECT);

            assertEquals(400, end.statusCode());
            assertTrue(end.body().contains("You did not allow sharing your health plan data"), end.body());
            assertEquals(0, realm.links().size());
            realm.delete();
        }

        @Test
        void aFailingTokenEndpointEndsOnTheErrorPageWithNoLinkAndNothingLeaked() throws Exception {
            TestRealm realm = TestRealm.create(stack, "tokfail");
            realm.addPlan(realm.plan("plan", Track.TEST));
            KeycloakBrowser browser = new KeycloakBrowser();
            HttpResponse<String> planPage = walk.toPlanPage(realm, "plan", browser);
            stack.sandbox().controls().failNext(Area.TOKEN, 1, Fault.status(500));

            HttpResponse<String> end = browser.follow(
                browser.verifyMember(planPage, MemberLinking.memberForm(TestMembers.DELMAR)), TestRealm.APP_REDIRECT);

            assertEquals(502, end.statusCode());
            assertTrue(end.body().contains("could not complete the connection"), end.body());
            assertEquals(0, realm.links().size());
            realm.delete();
        }

        @Test
        void aTokenEndpointAnsweringGarbageEndsOnTheErrorPage() throws Exception {
            TestRealm realm = TestRealm.create(stack, "garbage");
            realm.addPlan(realm.plan("plan", Track.TEST));
            KeycloakBrowser browser = new KeycloakBrowser();
            HttpResponse<String> planPage = walk.toPlanPage(realm, "plan", browser);
            stack.sandbox().controls().failNext(Area.TOKEN, 1, Fault.garbage());

            HttpResponse<String> end = browser.follow(
                browser.verifyMember(planPage, MemberLinking.memberForm(TestMembers.DELMAR)), TestRealm.APP_REDIRECT);

            assertEquals(502, end.statusCode());
            assertTrue(end.body().contains("not a valid token"), end.body());
            assertEquals(0, realm.links().size());
            realm.delete();
        }

        @Test
        void aSlowTokenEndpointTimesOutWithAClearMessage() throws Exception {
            TestRealm realm = TestRealm.create(stack, "slow");
            realm.addPlan(realm.plan("plan", Track.TEST, config -> config.put("upstreamTimeoutMs", "1000")));
            KeycloakBrowser browser = new KeycloakBrowser();
            HttpResponse<String> planPage = walk.toPlanPage(realm, "plan", browser);
            Duration slow = Duration.ofMillis(2500);
            stack.sandbox().controls().latency(Area.TOKEN, slow);

            HttpResponse<String> end = browser.follow(
                browser.verifyMember(planPage, MemberLinking.memberForm(TestMembers.DELMAR)), TestRealm.APP_REDIRECT);

            assertEquals(504, end.statusCode());
            assertTrue(end.body().contains("did not answer in time"), end.body());
            assertEquals(0, realm.links().size());
            realm.delete();
            // The plan still answers the code exchange Keycloak gave up on. Let it finish here: once awake, it would
            // take the fault the next test sets up for its own token request.
            Instant answered = stack.sandbox().controls().requests(Area.TOKEN).get(0).at().plus(slow);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), answered).toMillis()) + 200);
        }

        @Test
        void aPlanThatNamesNoMemberEndsOnTheErrorPageWithNoLink() throws Exception {
            TestRealm realm = TestRealm.create(stack, "nobody");
            realm.addPlan(realm.plan("plan", Track.TEST, config -> config.put("defaultScope", "user/*.read")));
            KeycloakBrowser browser = new KeycloakBrowser();
            HttpResponse<String> planPage = walk.toPlanPage(realm, "plan", browser);
            stack.sandbox().controls().patientContextSent(false).failAlways(Area.FHIR, Fault.status(500));

            HttpResponse<String> end = browser.follow(browser.verifyMember(planPage,
                MemberLinking.memberForm(TestMembers.SHERIE)), TestRealm.APP_REDIRECT);

            assertEquals(502, end.statusCode());
            assertTrue(end.body().contains("did not say which member signed in"), end.body());
            assertEquals(0, realm.links().size());
            realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a linked plan, its tokens stay inside Keycloak")
    class StoredTokens {

        @Test
        void brokerTokenEndpointNeverHandsOutThePayersToken() throws Exception {
            TestRealm realm = TestRealm.create(stack, "leak");
            realm.addPlan(realm.plan("plan", Track.TEST));
            grantBrokerReadToken(realm);
            KeycloakBrowser browser = new KeycloakBrowser();
            HttpResponse<String> end = walk.link(realm, "plan", TestMembers.SHERIE, browser);
            String appToken = walk.appAccessToken(realm, end, browser);

            HttpResponse<String> brokerToken = browser.get(stack.keycloak().baseUrl() + "/realms/" + realm.name
                + "/broker/plan/token?access_token=unused");
            ApiResponse withBearer = ApiResponse.send(HttpRequest.newBuilder(URI.create(stack.keycloak().baseUrl()
                + "/realms/" + realm.name + "/broker/plan/token")).header("Authorization", "Bearer " + appToken)
                .build());

            assertFalse(brokerToken.statusCode() == 200 && brokerToken.body().contains("sbx_"));
            assertEquals(403, withBearer.status(), withBearer::toString);
            assertFalse(withBearer.body().contains("sbx_"), "no sandbox token in: " + withBearer.body());
            realm.delete();
        }

        @Test
        void theDatabaseHoldsNoUsablePayerToken() throws Exception {
            TestRealm realm = TestRealm.create(stack, "atrest");
            realm.addPlan(realm.plan("plan", Track.TEST));
            walk.link(realm, "plan", TestMembers.DELMAR, new KeycloakBrowser());
            Thread.sleep(2_000); // H2 writes committed pages to its file within about a second

            String database = new String(Files.readAllBytes(stack.keycloak().dataDir()
                .resolve("keycloakdb.mv.db")), StandardCharsets.ISO_8859_1);

            assertTrue(database.contains(TestMembers.DELMAR.patientId()), "the link itself is in the database file");
            assertFalse(database.contains("sbx_at_"), "a payer access token is readable in the database file");
            assertFalse(database.contains("sbx_rt_"), "a payer refresh token is readable in the database file");
            realm.delete();
        }

        private static void grantBrokerReadToken(TestRealm realm) throws Exception {
            JsonNode broker = realm.admin.get("clients?clientId=broker").get(0);
            JsonNode role = realm.admin.get("clients/" + broker.get("id").asText() + "/roles/read-token");
            realm.admin.post("users/" + realm.userId() + "/role-mappings/clients/" + broker.get("id").asText(),
                List.of(role)).expect(204);
        }
    }

    @Nested
    @DisplayName("Given a member linked elsewhere")
    class Accounts {

        @Test
        void theSameMemberCannotBeLinkedByASecondUser() throws Exception {
            TestRealm realm = TestRealm.create(stack, "twice");
            realm.addPlan(realm.plan("plan", Track.TEST));
            realm.addUser("second");
            walk.link(realm, "plan", TestMembers.MAYTE, new KeycloakBrowser());

            KeycloakBrowser other = new KeycloakBrowser();
            HttpResponse<String> planPage = walk.toPlanPage(realm, "plan", "second", other);
            HttpResponse<String> end = other.follow(
                other.verifyMember(planPage, MemberLinking.memberForm(TestMembers.MAYTE)), TestRealm.APP_REDIRECT);

            String outcome = end.statusCode() + " " + KeycloakBrowser.location(end) + " " + end.body();
            assertFalse(KeycloakBrowser.location(end).contains("kc_action_status=success"), outcome);
            assertTrue(outcome.contains("already linked") || outcome.contains("kc_action_status=error"), outcome);
            assertEquals(0, realm.links("second").size());
            assertEquals(1, realm.links().size(), "the first user keeps the link");
            realm.delete();
        }
    }
}
