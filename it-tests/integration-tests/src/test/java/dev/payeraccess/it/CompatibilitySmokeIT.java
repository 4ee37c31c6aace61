package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.BuildLayout;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.PayerSandbox;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one JAR, compiled against Keycloak 26.7.3, on the older 26.x lines organizations run: 26.4 (Red Hat's build
 * of Keycloak 26.4 is based on it) and 26.5. For each line, one server of the version the build unpacked (a
 * property in the parent POM) is started and stopped by this class, on a dev-file database, against the shared
 * sandbox; the steps run in order on one realm, as an administrator and a member would walk them. The whole
 * suite stays on 26.7.3; this is the smoke subset that proves the older SPIs are met.
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
    }

    @Nested
    @DisplayName("Given Keycloak 26.5")
    class OnKeycloak26_5 extends SmokePath {
        OnKeycloak26_5() {
            super("26.5");
        }
    }

    /** The path every supported version must walk, one step per test, in order, on one server and one realm. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class SmokePath {

        private final String line;
        private KeycloakStack stack;
        private TestRealm realm;
        /** The extension's API as the linked member's app calls it. */
        private PayerAccessApi app;

        SmokePath(String line) {
            this.line = line;
        }

        @BeforeAll
        void startKeycloak(PayerSandbox sandbox) throws Exception {
            String version = BuildLayout.fromBuild().servedVersionOf(line);
            stack = KeycloakStack.builder().name("compat-" + line.replace('.', '-')).keycloakVersion(version)
                .sandbox(sandbox).workDir(PayerAccessStack.workDir()).start();
            System.out.println("Compatibility stack up: " + stack + "; started in "
                + stack.keycloak().startupTime().toMillis() + " ms");
            realm = TestRealm.create(stack, "compat");
            realm.addSmartScopes();
        }

        @AfterAll
        void stopKeycloak() throws Exception {
            if (stack != null) {
                stack.close();
            }
        }

        @Test
        @Order(1)
        void theAdminFormRefusesABadPlanWithItsMessage() throws Exception {
            ApiResponse refused = realm.admin.post("identity-provider/instances",
                realm.plan("plan", Track.TEST, c -> c.remove("fhirBaseUrl")));

            assertEquals(400, refused.status(), refused::toString);
            assertTrue(refused.body().contains("fhirBaseUrl is required"), refused::toString);
        }

        @Test
        @Order(2)
        void theAdminFormSavesAGoodPlanWithTokenStorageForcedOn() throws Exception {
            Map<String, Object> plan = realm.plan("plan", Track.TEST);
            plan.put("storeToken", false);

            realm.addPlan(plan);

            JsonNode saved = realm.admin.get("identity-provider/instances/plan");
            assertTrue(saved.get("storeToken").asBoolean(), "the proxy needs the tokens on the link: " + saved);
        }

        @Test
        @Order(3)
        void aMemberLinksThroughTheLoginPagesAndTheSandbox() throws Exception {
            MemberLinking walk = new MemberLinking(stack);
            KeycloakBrowser browser = new KeycloakBrowser();

            HttpResponse<String> end = walk.link(realm, "plan", TestMembers.SHERIE, browser);
            app = realm.api().as(walk.appAccessToken(realm, end, browser));

            assertTrue(KeycloakBrowser.location(end).contains("kc_action_status=success"), KeycloakBrowser.location(end));
            JsonNode links = realm.links();
            assertEquals(1, links.size(), links.toString());
            assertEquals(TestMembers.SHERIE.patientId(), links.get(0).get("userId").asText());
        }

        @Test
        @Order(4)
        void theProxyReadsTheMembersCoverage() throws Exception {
            ApiResponse coverage = read("Coverage");

            assertEquals(200, coverage.status(), coverage::toString);
            JsonNode bundle = coverage.json();
            assertEquals("Bundle", bundle.get("resourceType").asText());
            assertTrue(bundle.get("entry").size() > 0, "the member has coverage: " + coverage);
            assertTrue(bundle.get("link").get(0).get("url").asText().startsWith(stack.keycloak().baseUrl()),
                "links point at the proxy: " + bundle.get("link"));
            assertEquals(0, refreshes(), "a fresh token is used as it is");
        }

        @Test
        @Order(5)
        void anExpiredPlanTokenIsRenewedWithExactlyOneRefresh() throws Exception {
            Duration shortLived = Duration.ofSeconds(5);
            stack.sandbox().controls().accessTokenLifetime(shortLived);
            stack.sandbox().clock().advance(Duration.ofHours(2)); // the plan now calls the stored token expired

            ApiResponse afterRejection = read("Coverage");
            assertEquals(200, afterRejection.status(), afterRejection::toString);
            assertEquals(1, refreshes(), "the plan rejected the token: one refresh, then the read again");

            stack.sandbox().controls().accessTokenLifetime(Duration.ofHours(1));
            Thread.sleep(shortLived.toMillis()); // the renewed token expired: now the proxy itself sees it
            // As apps that honour Retry-After: the proxy admits a member's share at a time, the rest come back.
            List<Integer> statuses = AtOnce.statuses(10, i -> RetryAfter.honoured(() -> read("Coverage")).status());
            assertEquals(List.of(200), statuses.stream().distinct().toList(), statuses.toString());
            assertEquals(2, refreshes(), "ten reads on an expired token: one more refresh, through the cluster lock");
        }

        @Test
        @Order(6)
        void unlinkingRevokesAtThePlanAndEndsAccess() throws Exception {
            PayerAccessApi manager = realm.api().as(realm.token(TestRealm.USER, "openid payer-links:manage"));

            ApiResponse unlinked = manager.links().delete("plan");

            assertEquals(200, unlinked.status(), unlinked::toString);
            assertEquals("revoked", unlinked.json().get("revocation").asText());
            assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE));
            assertEquals(0, realm.links().size());
            assertEquals(404, read("Coverage").status());
        }

        @Test
        @Order(7)
        void itsLogHoldsNoPayerToken() throws Exception {
            PayerTokens.assertNoneIn(stack, stack.keycloak().logText(), "the Keycloak log " + stack.keycloak().log());
        }

        private ApiResponse read(String pathAndQuery) throws Exception {
            return app.fhir("plan").get(pathAndQuery);
        }

        private long refreshes() {
            return stack.sandbox().controls().requests(Area.TOKEN).stream()
                .filter(r -> r.grantType().map("refresh_token"::equals).orElse(false)).count();
        }

    }
}
