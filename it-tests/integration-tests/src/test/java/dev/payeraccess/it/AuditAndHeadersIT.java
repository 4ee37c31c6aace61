package dev.payeraccess.it;

import static dev.payeraccess.it.Refusals.assertRefusedWithoutCallingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the audit records and what the answers' headers allow: anonymous refusals are counted, not stored
 * row by row; a refused browser origin is an OperationOutcome and an audited refusal; an administrator
 * reading through impersonation is named; the public directory is cached by the app only.
 */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditAndHeadersIT {

    private KeycloakStack stack;
    private TestRealm realm;

    @BeforeAll
    void linkSherie(KeycloakStack stack) throws Exception {
        this.stack = stack;
        realm = TestRealm.create(stack, "audit");
        realm.addSmartScopes();
        realm.addPlan(realm.plan("test", Track.TEST));
        realm.admin.put("events/config", Map.of("eventsEnabled", true, "enabledEventTypes", List.of(
            "IDENTITY_PROVIDER_RETRIEVE_TOKEN", "IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR", "REMOVE_FEDERATED_IDENTITY",
            "REMOVE_FEDERATED_IDENTITY_ERROR"))).expect(204);
        new MemberLinking(stack).link(realm, "test", TestMembers.SHERIE, new KeycloakBrowser());
    }

    @AfterAll
    void dropRealm() throws Exception {
        realm.delete();
    }

    @Nested
    @DisplayName("Given requests the proxy refuses")
    class RefusedRequests {

        @Test
        void anonymousRefusalsAreCountedButNotStoredAsEvents() throws Exception {
            int before = proxyEvents().size();
            for (int i = 0; i < 20; i++) {
                assertRefusedWithoutCallingPlan(realm.api().as("garbage-" + i).fhir("test").get("Coverage"), 401);
                assertEquals(401, realm.api().as("garbage").links().delete("x".repeat(300)).status());
            }

            assertEquals(before, proxyEvents().size(), "no event row per anonymous request");
            assertTrue(realm.admin.server().metrics().body().lines()
                .anyMatch(l -> l.startsWith("payer_access_proxy_requests") && l.contains("realm=\"" + realm.name + "\"")
                    && l.contains("status=\"401\"")), "counted in the metrics");
        }

        @Test
        void aRefusedOriginIsAnOperationOutcomeAndAnAuditedRefusal() throws Exception {
            PayerAccessApi fromEvilPage = realm.api().as(realm.token(TestRealm.USER, "openid patient/*.read"))
                .withHeader("Origin", "https://evil.example");

            ApiResponse refused = assertRefusedWithoutCallingPlan(fromEvilPage.fhir("test").get("Coverage"), 403);

            assertTrue(refused.body().contains("Web origins"), refused::toString);
            assertTrue(proxyEvents().findValuesAsText("error").contains("origin_refused"), proxyEvents()::toString);
        }
    }

    @Nested
    @DisplayName("Given requests the extension serves")
    class ServedRequests {

        @Test
        void anAdministratorReadingAsAMemberIsNamedInTheAudit() throws Exception {
            KeycloakBrowser browser = new KeycloakBrowser();
            KeycloakAdmin admin = new KeycloakAdmin(stack.keycloak());
            HttpResponse<String> impersonated = browser.postAs(stack.keycloak().baseUrl() + "/admin/realms/"
                + realm.name + "/users/" + realm.userId() + "/impersonation", admin.accessToken());
            assertEquals(200, impersonated.statusCode(), impersonated.body());
            String auth = stack.keycloak().baseUrl() + "/realms/" + realm.name
                + "/protocol/openid-connect/auth?client_id=" + TestRealm.APP_CLIENT
                + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(TestRealm.APP_REDIRECT, StandardCharsets.UTF_8);
            String token = new MemberLinking(stack).appAccessToken(realm,
                browser.follow(browser.get(auth), TestRealm.APP_REDIRECT), browser);

            assertEquals(200, realm.api().as(token).fhir("test").get("Coverage").status());

            JsonNode read = newestProxyEventWithin(Duration.ofSeconds(10),
                e -> e.path("details").has("impersonator"));
            assertEquals("admin", read.path("details").path("impersonator").asText(), read.toString());
            assertEquals("complete", read.path("details").path("outcome").asText(), read.toString());
        }

        /** The event is written when the answer has ended, so it says what the app really got: half a Bundle. */
        @Test
        void anAnswerCutOffHalfwayIsAuditedAsAbortedWithTheStatusSent() throws Exception {
            String token = realm.token(TestRealm.USER, "openid patient/*.read");
            stack.sandbox().controls().failNext(Area.FHIR, 1, Fault.cutOff());
            try {
                ApiResponse cut = realm.api().as(token).fhir("test").get("Coverage");
                assertFalse(cut.body().trim().endsWith("}"), "a cut-off answer never looks complete: " + cut);
            } catch (IOException expected) {
                // the app saw the connection end before the document did
            }

            JsonNode event = newestProxyEventWithin(Duration.ofSeconds(10), e -> e.path("details").has("outcome")
                && "aborted".equals(e.path("details").path("outcome").asText()));
            assertEquals("200", event.path("details").path("status").asText(), event.toString());
            assertEquals("answer_aborted", event.path("error").asText(), event.toString());
            assertTrue(event.path("details").has("duration_ms"), event.toString());
        }

        @Test
        void theDirectoryIsCachedByTheAppOnlyAndPerForwardingHeaders() throws Exception {
            ApiResponse payers = realm.api().payers();

            assertTrue(payers.header("Cache-Control").orElse("").contains("private"), payers.headers()::toString);
            assertTrue(payers.header("Vary").orElse("").contains("X-Forwarded-Host"), payers.headers()::toString);
        }
    }

    private JsonNode newestProxyEventWithin(Duration wait, Predicate<JsonNode> wanted) throws Exception {
        Instant until = Instant.now().plus(wait);
        while (true) {
            JsonNode newest = proxyEvents().path(0);
            if (wanted.test(newest) || Instant.now().isAfter(until)) {
                assertTrue(wanted.test(newest), "newest proxy event: " + newest);
                return newest;
            }
            Thread.sleep(100);
        }
    }

    private JsonNode proxyEvents() throws Exception {
        return realm.admin.get("events?max=500&type=IDENTITY_PROVIDER_RETRIEVE_TOKEN"
            + "&type=IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR");
    }
}
