package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.BuildLayout;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.PayerSandbox;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one JAR, compiled against Keycloak 26.7.3, on the older 26.x lines organizations run: 26.4 (Red Hat's build
 * of Keycloak 26.4 is based on it) and 26.5. For each line, one server of the version the build unpacked (a
 * property in the parent POM) is started and stopped by its {@code @Nested} class, on a dev-file database, against
 * the shared sandbox, with one realm offering one plan; each member test links a user and a plan member of its
 * own there, so no test needs another to have run first. The whole suite stays on 26.7.3; this is the smoke
 * subset that proves the older SPIs are met.
 */
@ExtendWith(PayerAccessStack.class)
class CompatibilitySmokeIT {

    @Test
    void coversEveryOlderVersionTheBuildUnpacks() {
        List<String> lines = BuildLayout.fromBuild().olderKeycloakVersions().stream()
            .map(v -> v.substring(0, v.lastIndexOf('.'))).sorted().toList();

        assertEquals(List.of("26.4", "26.5"), lines, "one @Nested class below per older line the parent POM names");
    }

    @Nested
    @DisplayName("Given Keycloak 26.4")
    class OnKeycloak26_4 extends SmokePath {
        OnKeycloak26_4() {
            super("26.4");
        }

        /**
         * "Reconnect your health plan" chains into Keycloak's own {@code idp_link} action on 26.4 too (on 26.7.3:
         * {@code TokenRenewalIT}): a member whose plan refused a renewal signs in, presses "Reconnect", confirms
         * linking and reaches the plan's page. In a realm of its own, so the member may be linked again whatever
         * the other tests did.
         */
        @Test
        void theReconnectPromptLeadsToThePlanThroughIdpLink() throws Exception {
            TestRealm own = TestRealm.create(stack, "compat-reconnect");
            own.addSmartScopes();
            own.addPlan(own.plan(PLAN, Track.TEST));
            own.admin.post("authentication/register-required-action", Map.of(
                "providerId", "payer-access-reconnect", "name", "Reconnect your health plan")).expect(204);
            MemberLinking walk = new MemberLinking(stack);
            KeycloakBrowser linking = new KeycloakBrowser();
            Duration shortLived = Duration.ofSeconds(2);
            stack.sandbox().controls().accessTokenLifetime(shortLived);
            HttpResponse<String> end = walk.link(own, PLAN, TestRealm.USER, TestMembers.SHERIE, linking);
            stack.sandbox().controls().accessTokenLifetime(Duration.ofHours(1));
            PayerAccessApi app = own.api().as(walk.appAccessToken(own, end, linking));
            stack.sandbox().controls().refuseRefreshes(true);
            try {
                Thread.sleep(shortLived.toMillis()); // the stored token expired: the proxy renews, the plan refuses
                assertEquals(409, app.fhir(PLAN).get("Coverage").status(), "the plan refused the renewal");
            } finally {
                stack.sandbox().controls().refuseRefreshes(false);
            }

            KeycloakBrowser browser = new KeycloakBrowser();
            HttpResponse<String> prompt = walk.signIn(own, TestRealm.USER, browser);
            assertTrue(prompt.body().contains("Reconnect your health plan"), prompt::toString);
            HttpResponse<String> confirmation = browser.follow(browser.post(
                KeycloakBrowser.formAction(prompt, "reconnect-form"), Map.of("choice", "reconnect:" + PLAN)),
                TestRealm.APP_REDIRECT);
            HttpResponse<String> planPage = browser.follow(browser.confirmLink(confirmation), TestRealm.APP_REDIRECT);
            assertTrue(planPage.uri().toString().startsWith(stack.sandbox().urls().base()),
                "expected the plan's page, got " + planPage.uri() + "\n" + planPage.body());
            own.delete();
        }
    }

    @Nested
    @DisplayName("Given Keycloak 26.5")
    class OnKeycloak26_5 extends SmokePath {
        OnKeycloak26_5() {
            super("26.5");
        }
    }

    /** What every supported version must do: an administrator's and a member's path, on one server and realm. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class SmokePath {

        /** The plan the realm offers and members link. */
        static final String PLAN = "plan";

        private final String line;
        KeycloakStack stack;
        private TestRealm realm;

        SmokePath(String line) {
            this.line = line;
        }

        @BeforeAll
        void startKeycloakWithARealmOfferingAPlan(PayerSandbox sandbox) throws Exception {
            String version = BuildLayout.fromBuild().servedVersionOf(line);
            stack = KeycloakStack.builder().name("compat-" + line.replace('.', '-')).keycloakVersion(version)
                .sandbox(sandbox).workDir(PayerAccessStack.workDir()).start();
            System.out.println("Compatibility stack up: " + stack + "; started in "
                + stack.keycloak().startupTime().toMillis() + " ms");
            realm = TestRealm.create(stack, "compat");
            realm.addSmartScopes();
            realm.addPlan(realm.plan(PLAN, Track.TEST));
        }

        /** Whatever ran before, no test leaves a payer token in this server's log. */
        @AfterEach
        void noPayerTokenInTheLog() throws Exception {
            PayerTokens.assertNoneLeakedInto(stack, stack.keycloak().logText(),
                "the Keycloak log " + stack.keycloak().log());
        }

        @AfterAll
        void stopKeycloak() throws Exception {
            if (stack != null) {
                stack.close();
            }
        }

        @Test
        void theAdminFormRefusesABadPlanWithItsMessage() throws Exception {
            ApiResponse refused = realm.admin.post("identity-provider/instances",
                realm.plan("refused", Track.TEST, c -> c.remove("fhirBaseUrl")));

            assertEquals(400, refused.status(), refused::toString);
            assertTrue(refused.body().contains("fhirBaseUrl is required"), refused::toString);
        }

        @Test
        void theAdminFormSavesAGoodPlanWithTokenStorageForcedOn() throws Exception {
            Map<String, Object> plan = realm.plan("saved", Track.TEST);
            plan.put("storeToken", false);

            realm.addPlan(plan);

            JsonNode saved = realm.admin.get("identity-provider/instances/saved");
            assertTrue(saved.get("storeToken").asBoolean(), "the proxy needs the tokens on the link: " + saved);
        }

        @Test
        void aMemberLinksThroughTheLoginPagesAndTheSandbox() throws Exception {
            Member member = linked("linker", TestMembers.SHERIE);

            assertTrue(KeycloakBrowser.location(member.end()).contains("kc_action_status=success"),
                KeycloakBrowser.location(member.end()));
            JsonNode links = realm.links(member.username());
            assertEquals(1, links.size(), links.toString());
            assertEquals(TestMembers.SHERIE.patientId(), links.get(0).get("userId").asText());
        }

        @Test
        void theProxyReadsALinkedMembersCoverage() throws Exception {
            Member member = linked("reader", TestMembers.MAYTE);

            ApiResponse coverage = member.read("Coverage");

            assertEquals(200, coverage.status(), coverage::toString);
            JsonNode bundle = coverage.json();
            assertEquals("Bundle", bundle.get("resourceType").asText());
            assertTrue(bundle.get("entry").size() > 0, "the member has coverage: " + coverage);
            assertTrue(bundle.get("link").get(0).get("url").asText().startsWith(stack.keycloak().baseUrl()),
                "links point at the proxy: " + bundle.get("link"));
            // Nested objects and arrays pass as the plan's bytes, read from this Keycloak's Jackson parser's buffer.
            for (JsonNode entry : bundle.get("entry")) {
                JsonNode resource = entry.get("resource");
                assertTrue(resource.path("beneficiary").path("reference").asText().contains("Patient/"),
                    resource::toString);
            }
            assertEquals(0, refreshes(), "a fresh token is used as it is");
        }

        @Test
        void anExpiredPlanTokenIsRenewedWithExactlyOneRefresh() throws Exception {
            Member member = linked("renewer", TestMembers.DELMAR);
            Duration shortLived = Duration.ofSeconds(5);
            stack.sandbox().controls().accessTokenLifetime(shortLived);
            stack.sandbox().clock().advance(Duration.ofHours(2)); // the plan now calls the stored token expired

            ApiResponse afterRejection = member.read("Coverage");
            assertEquals(200, afterRejection.status(), afterRejection::toString);
            assertEquals(1, refreshes(), "the plan rejected the token: one refresh, then the read again");

            stack.sandbox().controls().accessTokenLifetime(Duration.ofHours(1));
            Thread.sleep(shortLived.toMillis()); // the renewed token expired: now the proxy itself sees it
            // As apps that honour Retry-After: the proxy admits a member's share at a time, the rest come back.
            List<Integer> statuses = AtOnce.statuses(10, i -> RetryAfter.honoured(() -> member.read("Coverage"))
                .status());
            assertEquals(List.of(200), statuses.stream().distinct().toList(), statuses.toString());
            assertEquals(2, refreshes(), "ten reads on an expired token: one more refresh, through the cluster lock");
        }

        @Test
        void unlinkingRevokesAtThePlanAndEndsAccess() throws Exception {
            Member member = linked("unlinker", TestMembers.GEORGE);

            ApiResponse unlinked = member.manager().links().delete(PLAN);

            assertEquals(200, unlinked.status(), unlinked::toString);
            assertEquals("revoked", unlinked.json().get("revocation").asText());
            assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE));
            assertEquals(0, realm.links(member.username()).size());
            assertEquals(404, member.read("Coverage").status());
        }

        @Test
        void itsLogHoldsNoPayerTokenAfterAMembersReadRenewalAndUnlink() throws Exception {
            Member member = linked("logged", TestMembers.JASON);
            assertEquals(200, member.read("Coverage").status());
            stack.sandbox().clock().advance(Duration.ofHours(2)); // the plan now calls the stored token expired
            assertEquals(200, member.read("Coverage").status());
            assertEquals(1, refreshes());
            member.manager().links().delete(PLAN).expect(200);

            PayerTokens.assertNoneIn(stack, stack.keycloak().logText(), "the Keycloak log " + stack.keycloak().log());
        }

        /**
         * A user of the realm who linked {@code member} at the plan through the login pages and the sandbox. Keycloak
         * lets one user of a realm link a plan's member, so each test links another member.
         */
        private Member linked(String username, TestMember member) throws Exception {
            realm.addUser(username);
            MemberLinking walk = new MemberLinking(stack);
            KeycloakBrowser browser = new KeycloakBrowser();
            HttpResponse<String> end = walk.link(realm, PLAN, username, member, browser);
            return new Member(username, end, realm.api().as(walk.appAccessToken(realm, end, browser)), realm);
        }

        /** A linked user, where their linking walk ended (the app's redirect), and the API as their app calls it. */
        private record Member(String username, HttpResponse<String> end, PayerAccessApi app, TestRealm realm) {

            ApiResponse read(String pathAndQuery) throws Exception {
                return app.fhir(PLAN).get(pathAndQuery);
            }

            /** The API as an app allowed to manage the user's links calls it. */
            PayerAccessApi manager() throws Exception {
                return realm.api().as(realm.token(username, "openid payer-links:manage"));
            }
        }

        private long refreshes() {
            return stack.sandbox().controls().requests(Area.TOKEN).stream()
                .filter(r -> r.grantType().map("refresh_token"::equals).orElse(false)).count();
        }
    }
}
