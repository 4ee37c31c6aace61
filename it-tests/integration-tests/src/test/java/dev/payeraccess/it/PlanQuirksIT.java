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
import dev.payeraccess.sandbox.control.AudienceRule;
import dev.payeraccess.sandbox.control.ClientAuthMethod;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plans that bend the standard, each imitated by a sandbox quirk mode: with the matching profile setting the
 * member links and the app reads; with the wrong one the member sees a plain error page and the administrator
 * finds, in the login error event, which setting to change.
 */
@ExtendWith(PayerAccessStack.class)
class PlanQuirksIT {

    private KeycloakStack stack;
    private MemberLinking walk;

    @BeforeEach
    void setUp(KeycloakStack stack) {
        this.stack = stack;
        this.walk = new MemberLinking(stack);
    }

    @Nested
    @DisplayName("Given a plan that authenticates its clients one way only")
    class ClientAuthentication {

        @Test
        void aBasicOnlyPlanLinksWithClientSecretBasic() throws Exception {
            stack.sandbox().controls().clientAuthentication(ClientAuthMethod.CLIENT_SECRET_BASIC_ONLY);
            Linked linked = link("basic", c -> c.put("clientAuthMethod", "client_secret_basic"), TestMembers.SHERIE);

            assertEquals(200, linked.get("Coverage").status());
            linked.realm.delete();
        }

        @Test
        void withThePostMethodTheMemberSeesAnErrorAndTheEventNamesTheSetting() throws Exception {
            stack.sandbox().controls().clientAuthentication(ClientAuthMethod.CLIENT_SECRET_BASIC_ONLY);
            Failed failed = failToLink("post", c -> c.put("clientAuthMethod", "client_secret_post"));

            assertEquals(502, failed.page.statusCode());
            assertTrue(failed.page.body().contains("could not complete the connection"), failed.page.body());
            assertTrue(failed.reason.contains("invalid_client") && failed.reason.contains("clientAuthMethod"),
                failed.reason);
            failed.realm.delete();
        }

        /**
         * SMART's asymmetric client authentication: Keycloak signs an RFC 7523 assertion with the realm's RS384
         * key, which the plan checks against the realm's JWKS URL; the code exchange, the refresh and the
         * revocation on unlink all authenticate that way.
         */
        @Test
        void aPrivateKeyJwtPlanLinksRenewsAndRevokesWithAnAssertionSignedByTheRealm() throws Exception {
            TestRealm realm = TestRealm.create(stack, "pkjwt");
            realm.addSmartScopes();
            addRealmKey(realm, "rsa-generated", "RS384");
            stack.sandbox().controls().clientAuthentication(ClientAuthMethod.PRIVATE_KEY_JWT_ONLY)
                .clientJwksUrl(SandboxSettingsClient.ID, URI.create(stack.keycloak().baseUrl() + "/realms/" + realm.name
                    + "/protocol/openid-connect/certs"))
                .accessTokenLifetime(Duration.ofSeconds(2));
            realm.addPlan(realm.plan("plan", Track.TEST, c -> {
                c.put("clientAuthMethod", "private_key_jwt");
                c.put("clientSecret", "");
            }));
            Linked linked = linkIn(realm, TestMembers.SHERIE);
            Thread.sleep(2_000);

            assertEquals(200, linked.get("Coverage").status(), "renewed with a new assertion");
            assertEquals(1, refreshes());
            assertEquals("RS384", stack.sandbox().controls().lastClientAssertionAlg().orElseThrow());
            ApiResponse unlinked = realm.api().as(realm.token(TestRealm.USER, "payer-links:manage")).links()
                .delete("plan");
            assertEquals("revoked", unlinked.expect(200).json().get("revocation").asText());
            assertEquals(1, stack.sandbox().controls().requests(Area.REVOKE).size(), "revoked with an assertion");
            realm.delete();
        }

        @Test
        void privateKeyJwtWithoutARealmKeyOfTheAlgorithmIsRefusedOnSave() throws Exception {
            TestRealm realm = TestRealm.create(stack, "nokey");

            ApiResponse refused = realm.admin.post("identity-provider/instances", realm.plan("plan", Track.TEST, c -> {
                c.put("clientAuthMethod", "private_key_jwt");
                c.put("clientAssertionSigningAlg", "ES384");
            }));

            assertEquals(400, refused.status());
            assertTrue(refused.body().contains("no active ES384 key") && refused.body().contains("ecdsa-generated"),
                refused.body());
            realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a plan strict about the authorization request")
    class AuthorizationRequest {

        @Test
        void aPlanThatRequiresAudLinksWithItAndFailsWithoutIt() throws Exception {
            stack.sandbox().controls().audience(AudienceRule.REQUIRED);
            Linked linked = link("aud", c -> c.put("sendAudience", "true"), TestMembers.SHERIE);
            assertEquals(200, linked.get("Coverage").status());
            linked.realm.delete();

            Failed failed = failAtThePlan("noaud", c -> c.put("sendAudience", "false"));

            assertEquals(400, failed.page.statusCode());
            assertTrue(failed.page.body().contains("did not complete the connection"), failed.page.body());
            assertTrue(failed.reason.contains("invalid_request") && failed.reason.contains("sendAudience"),
                failed.reason);
            failed.realm.delete();
        }

        @Test
        void aPlanThatFailsWithAudLinksWithAudSwitchedOff() throws Exception {
            stack.sandbox().controls().audience(AudienceRule.REFUSED);
            Linked linked = link("noaud", c -> c.put("sendAudience", "false"), TestMembers.SHERIE);

            assertEquals(200, linked.get("Coverage").status());
            assertFalse(MemberLinking.query(authorizeRequests().get(0).query()).containsKey("aud"), "no aud sent");
            linked.realm.delete();
        }

        /** The granular style asks for one v2 scope per allowed type; the proxy enforces what the plan granted. */
        @Test
        void aPlanRefusingWildcardsLinksWithGranularScopes() throws Exception {
            stack.sandbox().controls().wildcardScopesRefused(true);
            Linked linked = link("granular", c -> {
                c.put("scopeStyle", "smart-v2-granular");
                c.put("allowedResourceTypes", "Patient, Coverage");
            }, TestMembers.SHERIE);

            String scope = MemberLinking.query(authorizeRequests().get(0).query()).get("scope");
            assertEquals("patient/Patient.rs patient/Coverage.rs openid", scope);
            assertEquals(200, linked.get("Coverage").status());
            JsonNode link = linked.app.links().list().expect(200).json().get(0);
            assertEquals("[\"patient/Patient.rs\",\"patient/Coverage.rs\",\"openid\"]",
                link.get("grantedScopes").toString());
            linked.realm.delete();

            Failed failed = failAtThePlan("wildcard", c -> c.put("defaultScope", "patient/*.read openid"));
            assertTrue(failed.reason.contains("invalid_scope") && failed.reason.contains("scopeStyle"), failed.reason);
            failed.realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a plan that names the member in few places")
    class MemberIdentity {

        @Test
        void severalPatientsForOneLoginStopLinkingWithAPlainMessageAndTheTokensAreRevoked() throws Exception {
            stack.sandbox().controls().patientContextSent(false).idTokenIssued(false).severalPatientsPerLogin(true);
            Failed failed = failToLink("family", c -> { });

            assertEquals(502, failed.page.statusCode());
            assertTrue(failed.page.body().contains("more than one member"), failed.page.body());
            assertTrue(failed.reason.contains("patients for this sign-in"), failed.reason);
            assertEquals(0, failed.realm.links().size());
            assertEquals(1, stack.sandbox().controls().requests(Area.REVOKE).size(), "the unused tokens are revoked");
            failed.realm.delete();
        }

        @Test
        void aPlanNamingTheMemberOnlyInTheIdTokenLinksWithPatientSourceIdToken() throws Exception {
            stack.sandbox().controls().patientContextSent(false);
            Linked linked = link("idtoken", c -> c.put("patientSource", "id_token"), TestMembers.SHERIE);

            assertEquals(TestMembers.SHERIE.patientId(), linked.realm.links().get(0).get("userId").asText());
            assertEquals(0, stack.sandbox().controls().requests(Area.FHIR).size(), "no Patient search needed");
            linked.realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a plan whose refresh tokens or grants are limited")
    class Renewal {

        @Test
        void aPlanWithoutRefreshTokensMakesTheLinkRelinkRequiredAtExpiryWithoutAskingThePlan() throws Exception {
            // Tokens this short count as expired after half their lifetime: ten seconds leave five for the first
            // read, however loaded the machine.
            stack.sandbox().controls().refreshTokensIssued(false).accessTokenLifetime(Duration.ofSeconds(10));
            Linked linked = link("norefresh", c -> c.put("refreshTokens", "none"), TestMembers.SHERIE);
            ApiResponse fresh = linked.get("Coverage");
            assertEquals(200, fresh.status(), fresh::toString);
            Thread.sleep(10_000);

            ApiResponse expired = linked.get("Coverage");

            assertEquals(409, expired.status(), expired::toString);
            assertTrue(expired.body().contains("relink-required"), expired.body());
            assertEquals(0, refreshes());
            assertEquals("relink-required", linked.link().get("tokenState").asText());
            linked.realm.delete();
        }

        /** CMS Blue Button: each refresh token works once; the proxy always sends the newest. */
        @Test
        void rotatingRefreshTokensRenewAgainAndAgain() throws Exception {
            stack.sandbox().controls().accessTokenLifetime(Duration.ofSeconds(2));
            Linked linked = link("rotating", c -> c.put("refreshTokens", "rotating"), TestMembers.SHERIE);

            for (int i = 0; i < 2; i++) {
                Thread.sleep(2_000);
                assertEquals(200, linked.get("Coverage").status(), "renewal " + (i + 1));
            }
            assertEquals(2, refreshes());
            linked.realm.delete();
        }

        @Test
        void anEndedGrantAtThePlanTurnsTheLinkRelinkRequired() throws Exception {
            stack.sandbox().controls().accessTokenLifetime(Duration.ofSeconds(2)).grantLifetime(Duration.ofSeconds(3));
            Linked linked = link("grant", c -> { }, TestMembers.SHERIE);
            Thread.sleep(3_000);

            ApiResponse ended = linked.get("Coverage");

            assertEquals(409, ended.status(), ended::toString);
            assertEquals("relink-required", linked.link().get("tokenState").asText());
            linked.realm.delete();
        }

        @Test
        void aMaximumAuthorizationPeriodIsShownAsExpiresAtInLinks() throws Exception {
            Linked linked = link("period", c -> c.put("maxAuthorizationDays", "395"), TestMembers.SHERIE);

            JsonNode link = linked.link();
            Instant linkedAt = Instant.parse(link.get("linkedAt").asText());

            assertEquals(linkedAt.plus(Duration.ofDays(395)), Instant.parse(link.get("expiresAt").asText()));
            assertEquals("active", link.get("tokenState").asText());
            linked.realm.delete();
        }

        /**
         * A grant ending within 14 days (the renewal's {@code grantEndingDays}) is announced once as
         * {@code link.grant_ending} by the background rounds (every second here), while the member who just linked
         * is not asked to reconnect: reconnecting a one-day grant now would not end it later.
         */
        @Test
        void aGrantEndingSoonIsAnnouncedOnceAndAMemberWhoJustLinkedIsNotAskedToReconnect() throws Exception {
            TestRealm realm = TestRealm.create(stack, "ending");
            realm.addSmartScopes();
            realm.addPlan(realm.plan("plan", Track.TEST, c -> c.put("maxAuthorizationDays", "1")));
            realm.admin.post("authentication/register-required-action", Map.of(
                "providerId", "payer-access-reconnect", "name", "Reconnect your health plan")).expect(204);
            // Keycloak saves REFRESH_TOKEN events (the type lifecycle link events use) only when asked to.
            realm.admin.put("events/config", Map.of("eventsEnabled", true, "enabledEventTypes",
                List.of("REFRESH_TOKEN"))).expect(204);
            Linked linked = linkIn(realm, TestMembers.SHERIE); // ends at the app: no prompt after linking

            JsonNode announced = Eventually.within(Duration.ofSeconds(10), () -> {
                JsonNode events = realm.admin.get("payer-access/lifecycle-events?kind=link.grant_ending");
                assertEquals(1, events.size(), events.toString());
                return events;
            });
            assertEquals(linked.link().get("expiresAt").asText(),
                announced.get(0).path("details").path("expires_at").asText(), announced::toString);
            Thread.sleep(2_500); // two more rounds
            assertEquals(announced, realm.admin.get("payer-access/lifecycle-events?kind=link.grant_ending"),
                "announced once");
            HttpResponse<String> signedIn = walk.signIn(realm, TestRealm.USER, new KeycloakBrowser());
            assertTrue(KeycloakBrowser.location(signedIn).startsWith(TestRealm.APP_REDIRECT), signedIn::toString);
            linked.realm.delete();
        }

        /**
         * A plan that says when the member's grant ends, as CMS Blue Button 2.0 does ({@code access_grant_expiration};
         * the sandbox ends grants 20 s after the member approved here): the links API shows that end as
         * {@code expiresAt}, and once the grant is in its last half the member signing in is asked to reconnect and
         * told the day it ends; "Later" lets them in.
         */
        @Test
        void aGrantEndThePlanStatesIsShownInLinksAndAtSignIn() throws Exception {
            stack.sandbox().controls().grantLifetime(Duration.ofSeconds(20)).grantEndAnnounced(true);
            TestRealm realm = TestRealm.create(stack, "stated");
            realm.addSmartScopes();
            realm.addPlan(realm.plan("plan", Track.TEST));
            realm.admin.post("authentication/register-required-action", Map.of(
                "providerId", "payer-access-reconnect", "name", "Reconnect your health plan")).expect(204);
            Linked linked = linkIn(realm, TestMembers.SHERIE);

            JsonNode link = linked.link();
            Instant linkedAt = Instant.parse(link.get("linkedAt").asText());
            Instant endsAt = Instant.parse(link.path("expiresAt").asText(linkedAt.toString()));
            long grantSeconds = Duration.between(linkedAt, endsAt).toSeconds();
            assertTrue(grantSeconds >= 19 && grantSeconds <= 20, "the plan's end, not a profile's: " + link);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), linkedAt.plusSeconds(11)).toMillis()));
            KeycloakBrowser browser = new KeycloakBrowser();
            HttpResponse<String> prompt = walk.signIn(realm, TestRealm.USER, browser);

            String day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.ENGLISH)
                .withZone(ZoneOffset.UTC).format(endsAt);
            assertTrue(prompt.body().contains("Reconnect your health plan")
                && prompt.body().contains("Your connection ends on " + day + "."), prompt::toString);
            HttpResponse<String> in = browser.follow(browser.post(KeycloakBrowser.formAction(prompt, "reconnect-form"),
                Map.of("choice", "later")), TestRealm.APP_REDIRECT);
            assertTrue(KeycloakBrowser.location(in).startsWith(TestRealm.APP_REDIRECT), in::toString);
            linked.realm.delete();
        }
    }

    /** The client id the test realms' plans use at the sandbox. */
    private static final class SandboxSettingsClient {
        static final String ID = dev.payeraccess.sandbox.SandboxSettings.KEYCLOAK_CLIENT.clientId();
    }

    private record Linked(TestRealm realm, PayerAccessApi app) {

        ApiResponse get(String pathAndQuery) throws Exception {
            return app.fhir("plan").get(pathAndQuery);
        }

        JsonNode link() throws Exception {
            return app.links().list().expect(200).json().get(0);
        }
    }

    /** The member's error page, and the reason the login error event gives the administrator. */
    private record Failed(TestRealm realm, HttpResponse<String> page, String reason) {
    }

    private Linked link(String prefix, Consumer<Map<String, String>> profile, TestMember member) throws Exception {
        TestRealm realm = TestRealm.create(stack, prefix);
        realm.addSmartScopes();
        realm.addPlan(realm.plan("plan", Track.TEST, profile));
        return linkIn(realm, member);
    }

    private Linked linkIn(TestRealm realm, TestMember member) throws Exception {
        KeycloakBrowser browser = new KeycloakBrowser();
        String appToken = walk.appAccessToken(realm, walk.link(realm, "plan", member, browser), browser);
        return new Linked(realm, realm.api().as(appToken));
    }

    /** The member verifies at the plan, and linking fails after (at the token endpoint or the member search). */
    private Failed failToLink(String prefix, Consumer<Map<String, String>> profile) throws Exception {
        TestRealm realm = TestRealm.create(stack, prefix);
        realm.addPlan(realm.plan("plan", Track.TEST, profile));
        KeycloakBrowser browser = new KeycloakBrowser();
        HttpResponse<String> planPage = walk.toPlanPage(realm, "plan", browser);
        HttpResponse<String> end = browser.follow(browser.verifyMember(planPage,
            MemberLinking.memberForm(TestMembers.SHERIE)), TestRealm.APP_REDIRECT);
        return new Failed(realm, end, loginErrorReason(realm));
    }

    /** The plan refuses the authorization request itself and sends the browser back with an error. */
    private Failed failAtThePlan(String prefix, Consumer<Map<String, String>> profile) throws Exception {
        TestRealm realm = TestRealm.create(stack, prefix);
        realm.addPlan(realm.plan("plan", Track.TEST, profile));
        KeycloakBrowser browser = new KeycloakBrowser();
        String auth = stack.keycloak().baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/auth"
            + "?client_id=" + TestRealm.APP_CLIENT + "&response_type=code&scope=openid&redirect_uri="
            + java.net.URLEncoder.encode(TestRealm.APP_REDIRECT, java.nio.charset.StandardCharsets.UTF_8)
            + "&kc_action=" + java.net.URLEncoder.encode("idp_link:plan", java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> loginPage = browser.follow(browser.get(auth), null);
        HttpResponse<String> confirmation = browser.follow(browser.login(loginPage, TestRealm.USER, TestRealm.PASSWORD),
            TestRealm.APP_REDIRECT);
        HttpResponse<String> end = browser.follow(browser.confirmLink(confirmation), TestRealm.APP_REDIRECT);
        return new Failed(realm, end, loginErrorReason(realm));
    }

    private static String loginErrorReason(TestRealm realm) throws Exception {
        JsonNode events = realm.admin.get("events?type=IDENTITY_PROVIDER_LOGIN_ERROR&max=5");
        assertTrue(events.size() > 0, "a login error event for the administrator");
        return events.get(0).path("details").path("reason").asText();
    }

    private static void addRealmKey(TestRealm realm, String providerId, String algorithm) throws Exception {
        String realmId = realm.admin.get("").get("id").asText();
        realm.admin.post("components", Map.of("name", providerId + "-" + algorithm, "providerId", providerId,
            "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
            "config", Map.of("priority", List.of("100"), "algorithm", List.of(algorithm)))).expect(201);
    }

    private List<ReceivedRequest> authorizeRequests() {
        return stack.sandbox().controls().requests(Area.AUTHORIZE);
    }

    private long refreshes() {
        return stack.sandbox().controls().requests(Area.TOKEN).stream()
            .filter(r -> r.grantType().map("refresh_token"::equals).orElse(false)).count();
    }
}
