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
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A plan login is not a password for the organization's account. The attack: somebody who can pass the plan's
 * member check (at the sandbox: name, birth date, member ID and ZIP code, all on an insurance card) starts a
 * Keycloak login through the plan for a member a victim already linked, by {@code kc_idp_hint} or the broker's
 * login URL. Keycloak's first-broker-login flow never runs for a linked member, so only refusing the login or
 * the post-broker-login flow can stop it.
 */
@ExtendWith(PayerAccessStack.class)
class PlanSignInIT {

    private static final String PLAN = "plan";
    private static final String VERIFY_ACCOUNT_FLOW = "health plan sign-in: verify account";
    private static final String FIRST_LOGIN_FLOW = "health plan sign-in: first login";

    /** How the attacker starts a login through the plan. */
    enum Entry { KC_IDP_HINT, BROKER_LOGIN_URL }

    private KeycloakStack stack;
    private MemberLinking walk;

    @BeforeEach
    void setUp(KeycloakStack stack) {
        this.stack = stack;
        this.walk = new MemberLinking(stack);
    }

    @Nested
    @DisplayName("Given a link-only plan (the default) the victim linked")
    class LinkOnlyPlan {

        @ParameterizedTest
        @EnumSource(Entry.class)
        void aLoginThroughThePlanIsRefusedBeforeThePlanIsAsked(Entry entry) throws Exception {
            TestRealm realm = TestRealm.create(stack, "linkonly");
            realm.addPlan(realm.plan(PLAN, Track.TEST));
            walk.link(realm, PLAN, TestMembers.SHERIE, new KeycloakBrowser());
            int authorizeRequests = stack.sandbox().controls().requestCount(Area.AUTHORIZE);

            HttpResponse<String> end = startLogin(realm, entry, new KeycloakBrowser());

            assertFalse(end.uri().toString().startsWith(stack.sandbox().urls().base()),
                "sent to the plan: " + end.uri());
            assertTrue(end.statusCode() >= 400, end.statusCode() + " " + end.uri() + "\n" + end.body());
            assertFalse(KeycloakBrowser.location(end).startsWith(TestRealm.APP_REDIRECT), "the app got a code");
            assertEquals(authorizeRequests, stack.sandbox().controls().requestCount(Area.AUTHORIZE));
            realm.delete();
        }

        @Test
        void savingThePlanKeepsItLinkOnlyHiddenAndEmailUntrustedWhateverTheFormSays() throws Exception {
            TestRealm realm = TestRealm.create(stack, "forced");
            Map<String, Object> plan = realm.plan(PLAN, Track.TEST);
            plan.put("linkOnly", false);
            plan.put("hideOnLogin", false);
            plan.put("trustEmail", true);
            realm.addPlan(plan);
            JsonNode created = planAsSaved(realm);
            realm.admin.put("identity-provider/instances/" + PLAN, plan).expect(204);
            JsonNode updated = planAsSaved(realm);

            for (JsonNode saved : List.of(created, updated)) {
                assertTrue(saved.get("linkOnly").asBoolean(), saved.toString());
                assertTrue(saved.get("hideOnLogin").asBoolean(), saved.toString());
                assertFalse(saved.get("trustEmail").asBoolean(), saved.toString());
            }
            realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a plan with sign-in turned on that the victim linked")
    class SignInPlan {

        @ParameterizedTest
        @EnumSource(Entry.class)
        void aPlanLoginStopsAtTheAccountsOwnPassword(Entry entry) throws Exception {
            TestRealm realm = signInRealm("pbl");
            walk.link(realm, PLAN, TestMembers.SHERIE, new KeycloakBrowser());
            KeycloakBrowser attacker = new KeycloakBrowser();

            HttpResponse<String> passwordPage = throughPlan(realm, entry, TestMembers.SHERIE, attacker);
            HttpResponse<String> guessed = attacker.follow(attacker.post(
                KeycloakBrowser.formAction(passwordPage, "kc-form-login"), Map.of("password", "guess")),
                TestRealm.APP_REDIRECT);

            assertEquals(200, passwordPage.statusCode(), passwordPage.uri() + "\n" + passwordPage.body());
            assertTrue(passwordPage.body().contains("name=\"password\""), passwordPage.body());
            assertFalse(KeycloakBrowser.location(guessed).startsWith(TestRealm.APP_REDIRECT), "a guess got in");
            assertTrue(guessed.body().contains("name=\"password\""), "asked again: " + guessed.body());
            assertEquals(1, realm.links().size(), "the victim's link is untouched");
            realm.delete();
        }

        @Test
        void anAccountWithoutAPasswordCannotBeEnteredThroughThePlan() throws Exception {
            TestRealm realm = signInRealm("nopassword");
            realm.admin.post("users", Map.of("username", "federated", "enabled", true, "email", "federated@example.org",
                "emailVerified", true, "firstName", "Fed", "lastName", "Erated")).expect(201);
            // An account that signs in elsewhere (no password, no second factor), linked to the member by an admin.
            realm.admin.post("users/" + realm.userId("federated") + "/federated-identity/" + PLAN, Map.of(
                "identityProvider", PLAN, "userId", TestMembers.JASON.patientId(),
                "userName", TestMembers.JASON.patientId())).expect(204);
            KeycloakBrowser attacker = new KeycloakBrowser();

            HttpResponse<String> end = throughPlan(realm, Entry.BROKER_LOGIN_URL, TestMembers.JASON, attacker);

            assertFalse(KeycloakBrowser.location(end).startsWith(TestRealm.APP_REDIRECT), "signed in: " + end.body());
            assertFalse(end.body().contains("name=\"password\""),
                "a password the account does not have: " + end.body());
            assertTrue(end.statusCode() >= 400, end.statusCode() + " " + end.uri() + "\n" + end.body());
            realm.delete();
        }

        @Test
        void theAccountsOwnerStillSignsInThroughThePlanWithTheirPassword() throws Exception {
            TestRealm realm = signInRealm("owner");
            walk.link(realm, PLAN, TestMembers.MAYTE, new KeycloakBrowser());
            KeycloakBrowser owner = new KeycloakBrowser();

            HttpResponse<String> passwordPage = throughPlan(realm, Entry.KC_IDP_HINT, TestMembers.MAYTE, owner);
            HttpResponse<String> end = owner.follow(owner.post(
                KeycloakBrowser.formAction(passwordPage, "kc-form-login"), Map.of("password", TestRealm.PASSWORD)),
                TestRealm.APP_REDIRECT);

            assertTrue(KeycloakBrowser.location(end).startsWith(TestRealm.APP_REDIRECT + "?"), end.statusCode() + " "
                + KeycloakBrowser.location(end) + "\n" + end.body());
            assertTrue(KeycloakBrowser.location(end).contains("code="));
            realm.delete();
        }

        @Test
        void aSignInStartedBeforeAnAdminTurnedItOffIsRefusedWithoutRedeemingTheCode() throws Exception {
            TestRealm realm = signInRealm("turnedoff");
            walk.link(realm, PLAN, TestMembers.DELMAR, new KeycloakBrowser());
            KeycloakBrowser attacker = new KeycloakBrowser();
            HttpResponse<String> planPage = startLogin(realm, Entry.KC_IDP_HINT, attacker);
            realm.admin.put("identity-provider/instances/" + PLAN, realm.plan(PLAN, Track.TEST)).expect(204);
            int tokenRequests = stack.sandbox().controls().requestCount(Area.TOKEN);

            HttpResponse<String> end = attacker.follow(attacker.verifyMember(planPage,
                MemberLinking.memberForm(TestMembers.DELMAR)), TestRealm.APP_REDIRECT);

            assertEquals(403, end.statusCode(), end.uri() + "\n" + end.body());
            assertTrue(end.body().contains("This health plan cannot be used to sign in"), end.body());
            assertEquals(tokenRequests, stack.sandbox().controls().requestCount(Area.TOKEN), "the code was redeemed");
            realm.delete();
        }

        @Test
        void turningSignInOnSetsTheProductsFlowsOnceAndNeverTrustsEmail() throws Exception {
            TestRealm realm = signInRealm("flows");
            realm.addPlan(realm.plan("second", Track.PAYER2PAYER, c -> c.put("allowPlanSignIn", "true")));

            JsonNode saved = planAsSaved(realm);
            JsonNode flows = realm.admin.get("authentication/flows");
            List<String> aliases = new ArrayList<>();
            flows.forEach(f -> aliases.add(f.get("alias").asText()));
            JsonNode executions = realm.admin.get("authentication/flows/"
                + URLEncoder.encode(VERIFY_ACCOUNT_FLOW, StandardCharsets.UTF_8).replace("+", "%20") + "/executions");
            List<String> authenticators = new ArrayList<>();
            executions.forEach(e -> authenticators.add(e.path("providerId").asText(e.path("displayName").asText())));

            assertFalse(saved.get("linkOnly").asBoolean(), saved.toString());
            assertTrue(saved.get("hideOnLogin").asBoolean(), "never a button on the sign-in page: " + saved);
            assertFalse(saved.get("trustEmail").asBoolean(), saved.toString());
            assertEquals(VERIFY_ACCOUNT_FLOW, saved.get("postBrokerLoginFlowAlias").asText(), saved.toString());
            assertEquals(FIRST_LOGIN_FLOW, saved.get("firstBrokerLoginFlowAlias").asText(), saved.toString());
            assertEquals(1, aliases.stream().filter(VERIFY_ACCOUNT_FLOW::equals).count(), aliases.toString());
            assertEquals(1, aliases.stream().filter(FIRST_LOGIN_FLOW::equals).count(), aliases.toString());
            assertTrue(authenticators.containsAll(List.of("auth-password-form", "auth-otp-form")),
                authenticators.toString());
            realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a plan with sign-in turned on and a member linked to no account")
    class UnlinkedMember {

        @Test
        void withRegistrationOffNoAccountIsCreated() throws Exception {
            TestRealm realm = signInRealm("noreg");
            KeycloakBrowser stranger = new KeycloakBrowser();

            HttpResponse<String> end = throughPlan(realm, Entry.KC_IDP_HINT, TestMembers.GEORGE, stranger);

            assertEquals(403, end.statusCode(), end.uri() + "\n" + end.body());
            assertTrue(end.body().contains("No account is connected to this health plan membership"), end.body());
            assertEquals(List.of(TestRealm.USER), usernames(realm));
            JsonNode refused = realm.admin.get("events?type=IDENTITY_PROVIDER_LOGIN_ERROR");
            assertEquals("not_allowed", refused.get(0).get("error").asText(), refused.toString());
            assertEquals(1, stack.sandbox().controls().requests(Area.REVOKE).size(),
                "the tokens the plan issued for the refused sign-in are revoked");
            realm.delete();
        }

        @Test
        void withRegistrationOnTheFirstLoginCreatesAnAccountThatChoosesAPassword() throws Exception {
            TestRealm realm = signInRealm("reg");
            allowRegistration(realm);
            KeycloakBrowser newcomer = new KeycloakBrowser();

            HttpResponse<String> review = throughPlan(realm, Entry.KC_IDP_HINT, TestMembers.GEORGE, newcomer);
            HttpResponse<String> choosePassword = newcomer.follow(newcomer.post(
                KeycloakBrowser.formActionContaining(review, "first-broker-login"), profile("george@example.org")),
                TestRealm.APP_REDIRECT);
            HttpResponse<String> end = newcomer.follow(newcomer.post(
                KeycloakBrowser.formActionContaining(choosePassword, "UPDATE_PASSWORD"),
                Map.of("password-new", "george-password", "password-confirm", "george-password")),
                TestRealm.APP_REDIRECT);

            assertTrue(KeycloakBrowser.location(end).startsWith(TestRealm.APP_REDIRECT + "?"), end.statusCode() + " "
                + KeycloakBrowser.location(end) + "\n" + end.body());
            assertTrue(KeycloakBrowser.location(end).contains("code="));
            JsonNode links = realm.links("george");
            assertEquals(1, links.size());
            assertEquals(TestMembers.GEORGE.patientId(), links.get(0).get("userId").asText());
            realm.delete();
        }

        @Test
        void aFirstPlanLoginNeverLinksAnExistingAccountByEmail() throws Exception {
            TestRealm realm = signInRealm("byemail");
            allowRegistration(realm);
            KeycloakBrowser attacker = new KeycloakBrowser();

            HttpResponse<String> review = throughPlan(realm, Entry.KC_IDP_HINT, TestMembers.GEORGE, attacker);
            HttpResponse<String> end = attacker.follow(attacker.post(
                KeycloakBrowser.formActionContaining(review, "first-broker-login"),
                profile(TestRealm.USER + "@example.org")), TestRealm.APP_REDIRECT);

            assertFalse(KeycloakBrowser.location(end).startsWith(TestRealm.APP_REDIRECT), "signed in: " + end.body());
            assertEquals(409, end.statusCode(), end.uri() + "\n" + end.body());
            assertEquals(0, realm.links().size(), "the account with that email was not linked");
            assertEquals(List.of(TestRealm.USER), usernames(realm));
            realm.delete();
        }
    }

    @Test
    void theSignInPageOffersNoPlanButOtherIdentityProvidersStillShow() throws Exception {
        TestRealm realm = signInRealm("page");
        realm.admin.put("", Map.of("loginTheme", "payer-access")).expect(204);
        realm.addPlan(realm.plan("linkonly", Track.PAYER2PAYER));
        realm.addPlan(Map.of("alias", "corporate", "displayName", "Corporate SSO", "providerId", "oidc",
            "enabled", true, "config", Map.of("authorizationUrl", "https://sso.example/auth",
                "tokenUrl", "https://sso.example/token", "clientId", "keycloak", "clientSecret", "secret",
                "clientAuthMethod", "client_secret_post")));
        String auth = stack.keycloak().baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/auth?client_id="
            + TestRealm.APP_CLIENT + "&response_type=code&scope=openid&redirect_uri="
            + URLEncoder.encode(TestRealm.APP_REDIRECT, StandardCharsets.UTF_8);

        KeycloakBrowser browser = new KeycloakBrowser();
        String signIn = browser.follow(browser.get(auth), null).body();

        assertTrue(signIn.contains("id=\"kc-form-login\""), signIn);
        assertTrue(signIn.contains("id=\"social-corporate\""), "other providers keep their button: " + signIn);
        for (String plan : List.of(PLAN, "linkonly")) {
            assertFalse(signIn.contains("id=\"social-" + plan + "\""), "a plan button: " + plan);
            assertFalse(signIn.contains("/broker/" + plan + "/"), "a link to plan sign-in: " + plan);
        }
        assertFalse(signIn.contains("Demo Health Plan"), signIn);
        realm.delete();
    }

    /** A realm whose plan {@value #PLAN} allows sign-in; registration stays off, as Keycloak creates realms. */
    private TestRealm signInRealm(String prefix) throws Exception {
        TestRealm realm = TestRealm.create(stack, prefix);
        realm.addPlan(realm.plan(PLAN, Track.TEST, c -> c.put("allowPlanSignIn", "true")));
        return realm;
    }

    /** Starts a login through {@value #PLAN} and verifies at the plan as {@code member}; where Keycloak goes next. */
    private HttpResponse<String> throughPlan(TestRealm realm, Entry entry, TestMember member, KeycloakBrowser browser)
        throws Exception {
        HttpResponse<String> planPage = startLogin(realm, entry, browser);
        assertTrue(planPage.uri().toString().startsWith(stack.sandbox().urls().base()),
            "expected the plan's page, got " + planPage.uri() + " HTTP " + planPage.statusCode() + "\n"
                + planPage.body());
        return browser.follow(browser.verifyMember(planPage, MemberLinking.memberForm(member)), TestRealm.APP_REDIRECT);
    }

    /** A fresh browser's login through {@value #PLAN}: where it ends, the plan's page when Keycloak lets it go. */
    private HttpResponse<String> startLogin(TestRealm realm, Entry entry, KeycloakBrowser browser) throws Exception {
        String auth = stack.keycloak().baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/auth"
            + "?client_id=" + TestRealm.APP_CLIENT + "&response_type=code&scope=openid"
            + "&redirect_uri=" + URLEncoder.encode(TestRealm.APP_REDIRECT, StandardCharsets.UTF_8);
        if (entry == Entry.KC_IDP_HINT) {
            return browser.follow(browser.get(auth + "&kc_idp_hint=" + PLAN), TestRealm.APP_REDIRECT);
        }
        // The sign-in page's form carries the login's session code, tab and client: all the broker's login URL needs.
        HttpResponse<String> loginPage = browser.follow(browser.get(auth), null);
        Map<String, String> form = MemberLinking.query(
            KeycloakBrowser.formAction(loginPage, "kc-form-login").split("\\?", 2)[1]);
        String brokerLogin = stack.keycloak().baseUrl() + "/realms/" + realm.name + "/broker/" + PLAN + "/login?"
            + "session_code=" + enc(form.get("session_code")) + "&client_id=" + enc(form.get("client_id"))
            + "&tab_id=" + enc(form.get("tab_id")) + "&client_data=" + enc(form.getOrDefault("client_data", ""));
        return browser.follow(browser.get(brokerLogin), TestRealm.APP_REDIRECT);
    }

    private static Map<String, String> profile(String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", "george");
        form.put("email", email);
        form.put("firstName", "George");
        form.put("lastName", "Bluth");
        return form;
    }

    private static void allowRegistration(TestRealm realm) throws Exception {
        realm.admin.put("", Map.of("registrationAllowed", true)).expect(204);
    }

    private static JsonNode planAsSaved(TestRealm realm) throws Exception {
        return realm.admin.get("identity-provider/instances/" + PLAN);
    }

    private static List<String> usernames(TestRealm realm) throws Exception {
        List<String> names = new ArrayList<>();
        realm.admin.get("users").forEach(u -> names.add(u.get("username").asText()));
        return names;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
