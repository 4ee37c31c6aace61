package dev.payeraccess.it;

import static dev.payeraccess.it.Refusals.assertRefusedWithoutCallingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.SandboxSettings;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Members manage their plans: the public plan directory, listing links (a grant of its own: which plans a
 * person belongs to is health information), unlinking through {@code DELETE links/{alias}} with revocation
 * at the plan, and Keycloak's own unlink paths, which must not leave a usable plan token.
 */
@ExtendWith(PayerAccessStack.class)
class LinksApiIT {

    private KeycloakStack stack;

    @BeforeEach
    void setUp(KeycloakStack stack) {
        this.stack = stack;
    }

    @Nested
    @DisplayName("Given a realm's plans, anyone")
    class Directory {

        @Test
        void findsEnabledPlansWithoutSecretsInACacheableDirectory() throws Exception {
            TestRealm realm = TestRealm.create(stack, "directory");
            realm.addPlan(realm.plan("test", Track.TEST, c -> {
                c.put("logoUrl", "https://plan.example/logo.svg");
                c.put("planDescription", "Claims and coverage from the Demo Health Plan");
            }));
            Map<String, Object> disabled = realm.plan("off", Track.PAYER2PAYER);
            disabled.put("enabled", false);
            realm.addPlan(disabled);

            ApiResponse response = realm.api().payers();
            JsonNode plans = response.json();
            String etag = response.header("ETag").orElseThrow();
            ApiResponse again = realm.api().withHeader("If-None-Match", etag).payers();

            assertEquals(200, response.status());
            assertEquals(1, plans.size(), "the disabled plan is not listed: " + plans);
            JsonNode plan = plans.get(0);
            assertEquals("test", plan.get("alias").asText());
            assertEquals("https://plan.example/logo.svg", plan.get("logoUrl").asText());
            assertEquals("Claims and coverage from the Demo Health Plan", plan.get("description").asText());
            assertEquals(realm.api().fhir("test").base(), plan.get("fhirBase").asText());
            assertTrue(plan.get("resourceTypes").toString().contains("ExplanationOfBenefit"));
            for (String secret : new String[] {SandboxSettings.KEYCLOAK_CLIENT.clientId(),
                SandboxSettings.KEYCLOAK_CLIENT.clientSecret(), "/oauth2/"}) {
                assertFalse(response.body().contains(secret), "the directory shows " + secret);
            }
            assertTrue(response.header("Cache-Control").orElse("").contains("max-age"));
            assertEquals(304, again.status());
            realm.delete();
        }

        @Test
        void needAnAppToOpenThePlanPicker() throws Exception {
            TestRealm realm = TestRealm.create(stack, "connect");
            realm.addPlan(realm.plan("test", Track.TEST));

            ApiResponse noApp = realm.api().connect("");

            assertEquals(400, noApp.status(), noApp::toString);
            assertTrue(noApp.body().contains("client_id"));
            realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a member who linked a plan, listing links")
    class Listing {

        @Test
        void needsTheReadOrManageScopeAndLeavesUnlinkingToManage() throws Exception {
            Member member = linked("listscope", TestMembers.SHERIE);
            PayerAccessApi signInOnly = member.realm.api().as(member.realm.token(TestRealm.USER, "openid"));
            PayerAccessApi smartOnly = member.realm.api()
                .as(member.realm.token(TestRealm.USER, "openid patient/*.read"));
            PayerAccessApi reader = member.realm.api()
                .as(member.realm.token(TestRealm.USER, "openid payer-links:read"));

            for (PayerAccessApi refused : List.of(signInOnly, smartOnly)) {
                ApiResponse response = assertRefusedWithoutCallingPlan(refused.links().list(), 403);
                assertEquals("forbidden", response.json().get("issue").get(0).get("code").asText());
                assertTrue(response.body().contains("payer-links:read"), response::toString);
                assertFalse(response.body().contains(TestMembers.SHERIE.patientId()), "link data in a refusal");
            }
            for (PayerAccessApi allowed : List.of(reader, member.manager())) {
                ApiResponse response = allowed.links().list();
                assertEquals(200, response.status(), response::toString);
                assertEquals(TestMembers.SHERIE.patientId(), response.json().get(0).get("patientId").asText());
            }
            ApiResponse unlinkWithRead = assertRefusedWithoutCallingPlan(reader.links().delete("test"), 403);
            assertTrue(unlinkWithRead.body().contains("payer-links:manage"), unlinkWithRead::toString);
            assertEquals(1, member.realm.links().size(), "still linked");
            member.realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a member who linked a plan, unlinking")
    class Unlinking {

        @Test
        void revokesAtThePlanOnceThenRemovesTheLink() throws Exception {
            Member member = linked("unlink", TestMembers.SHERIE);
            int before = stack.sandbox().controls().requestCount(Area.REVOKE);

            ApiResponse response = member.manager().links().delete("test");

            assertEquals(200, response.status(), response::toString);
            assertEquals("revoked", response.json().get("revocation").asText());
            assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE) - before);
            assertEquals(0, member.realm.links().size());
            assertRefusedWithoutCallingPlan(member.app().fhir("test").get("Coverage"), 404);
            assertFalse(response.body().contains("sbx_"));
            JsonNode event = member.realm.admin.get("events?type=REMOVE_FEDERATED_IDENTITY").get(0);
            assertEquals("revoked", event.get("details").get("revocation").asText());
            member.realm.delete();
        }

        @Test
        void doesNotKeepTheUserLinkedWhenThePlanFailsOrHangsOnRevocation() throws Exception {
            Member failing = linked("revfail", TestMembers.MAYTE);
            stack.sandbox().controls().failNext(Area.REVOKE, 1, Fault.status(503));
            ApiResponse failed = failing.manager().links().delete("test");

            Member hanging = linked("revhang", TestMembers.DELMAR);
            stack.sandbox().controls().failNext(Area.REVOKE, 1, Fault.hang());
            ApiResponse timedOut = hanging.manager().links().delete("test");

            for (ApiResponse response : List.of(failed, timedOut)) {
                assertEquals(200, response.status(), response::toString);
                JsonNode body = response.json();
                assertEquals("failed", body.get("revocation").asText());
                assertTrue(body.get("revocationError").asText().length() > 10, body.toString());
            }
            assertTrue(timedOut.json().get("revocationError").asText().contains("timed out"));
            assertEquals(0, failing.realm.links().size());
            assertEquals(0, hanging.realm.links().size());
            JsonNode event = failing.realm.admin.get("events?type=REMOVE_FEDERATED_IDENTITY").get(0);
            assertEquals("failed", event.get("details").get("revocation").asText());
            failing.realm.delete();
            hanging.realm.delete();
        }

        @Test
        void needsTheManageScopeAndOnlyReachesTheCallersOwnLinks() throws Exception {
            Member member = linked("manage", TestMembers.GEORGE);
            member.realm.addUser("other");
            PayerAccessApi readOnly = member.realm.api()
                .as(member.realm.token(TestRealm.USER, "openid patient/*.read"));
            PayerAccessApi otherManager = member.realm.api()
                .as(member.realm.token("other", "openid payer-links:manage"));

            ApiResponse withoutScope = assertRefusedWithoutCallingPlan(readOnly.links().delete("test"), 403);
            assertRefusedWithoutCallingPlan(otherManager.links().delete("test"), 404);
            assertRefusedWithoutCallingPlan(member.manager().links().delete("nosuch"), 404);
            assertRefusedWithoutCallingPlan(member.realm.api().links().delete("test"), 401);

            assertTrue(withoutScope.body().contains("payer-links:manage"));
            assertEquals(1, member.realm.links().size(), "still linked");
            assertEquals(0, stack.sandbox().controls().requestCount(Area.REVOKE));
            member.realm.delete();
        }

        @Test
        void throughKeycloaksOwnPathsRevokesAtThePlanToo() throws Exception {
            Member viaAdmin = linked("kcadmin", TestMembers.SHERIE);
            int start = stack.sandbox().controls().requestCount(Area.REVOKE);
            viaAdmin.realm.admin.delete("users/" + viaAdmin.realm.userId() + "/federated-identity/test").expect(204);
            assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE) - start, "admin console unlink");

            Member viaAccount = linked("kcaccount", TestMembers.MAYTE);
            start = stack.sandbox().controls().requestCount(Area.REVOKE);
            ApiResponse account = ApiResponse.send(HttpRequest.newBuilder(URI.create(stack.keycloak().baseUrl()
                    + "/realms/" + viaAccount.realm.name + "/account/linked-accounts/test"))
                .header("Authorization", "Bearer " + viaAccount.realm.token(TestRealm.USER, "openid"))
                .header("Accept", "application/json").DELETE().build());
            assertEquals(204, account.status(), account::toString);
            assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE) - start, "account console unlink");

            Member deleted = linked("kcdelete", TestMembers.JASON);
            start = stack.sandbox().controls().requestCount(Area.REVOKE);
            deleted.realm.admin.delete("users/" + deleted.realm.userId()).expect(204);
            assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE) - start, "user deletion");

            viaAdmin.realm.delete();
            viaAccount.realm.delete();
            deleted.realm.delete();
        }
    }

    private record Member(TestRealm realm, String appToken) {

        PayerAccessApi app() {
            return realm.api().as(appToken);
        }

        /** The member through a client holding {@code payer-links:manage}, as unlinking needs. */
        PayerAccessApi manager() throws Exception {
            return realm.api().as(realm.token(TestRealm.USER, "openid payer-links:manage"));
        }
    }

    private Member linked(String prefix, TestMember member) throws Exception {
        TestRealm realm = TestRealm.create(stack, prefix);
        realm.addSmartScopes();
        realm.addPlan(realm.plan("test", Track.TEST, c -> c.put("upstreamTimeoutMs", "1500")));
        MemberLinking walk = new MemberLinking(stack);
        KeycloakBrowser browser = new KeycloakBrowser();
        return new Member(realm, walk.appAccessToken(realm, walk.link(realm, "test", member, browser), browser));
    }
}
