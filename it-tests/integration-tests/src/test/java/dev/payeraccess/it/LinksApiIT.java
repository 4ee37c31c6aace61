package dev.payeraccess.it;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Members manage their plans: the public plan directory, listing links (a grant of its own: which plans a
 * person belongs to is health information), unlinking through {@code DELETE links/{alias}} with revocation
 * at the plan, and Keycloak's own unlink paths, which must not leave a usable plan token.
 */
@ExtendWith(PayerAccessStack.class)
class LinksApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KeycloakStack stack;

    @BeforeEach
    void setUp(KeycloakStack stack) {
        this.stack = stack;
    }

    @Test
    void theDirectoryListsEnabledPlansPubliclyWithoutSecretsAndIsCacheable() throws Exception {
        TestRealm realm = TestRealm.create(stack, "directory");
        realm.addPlan(realm.plan("test", Track.TEST, c -> {
            c.put("logoUrl", "https://plan.example/logo.svg");
            c.put("planDescription", "Claims and coverage from the Demo Health Plan");
        }));
        Map<String, Object> disabled = realm.plan("off", Track.PAYER2PAYER);
        disabled.put("enabled", false);
        realm.addPlan(disabled);

        HttpResponse<String> response = send("GET", url(realm, "payers"), null);
        JsonNode plans = KeycloakAdmin.JSON.readTree(response.body());
        String etag = response.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(url(realm, "payers")))
            .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(1, plans.size(), "the disabled plan is not listed: " + plans);
        JsonNode plan = plans.get(0);
        assertEquals("test", plan.get("alias").asText());
        assertEquals("https://plan.example/logo.svg", plan.get("logoUrl").asText());
        assertEquals("Claims and coverage from the Demo Health Plan", plan.get("description").asText());
        assertEquals(url(realm, "fhir/test"), plan.get("fhirBase").asText());
        assertTrue(plan.get("resourceTypes").toString().contains("ExplanationOfBenefit"));
        for (String secret : new String[] {SandboxSettings.KEYCLOAK_CLIENT.clientId(),
            SandboxSettings.KEYCLOAK_CLIENT.clientSecret(), "/oauth2/"}) {
            assertFalse(response.body().contains(secret), "the directory shows " + secret);
        }
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("max-age"));
        assertEquals(304, again.statusCode());
        realm.delete();
    }

    @Test
    void listingLinksNeedsTheReadOrManageScopeAndUnlinkingStillNeedsManage() throws Exception {
        Member member = linked("listscope", TestMembers.SHERIE);
        String signInOnly = member.realm.token(TestRealm.USER, "openid");
        String smartOnly = member.realm.token(TestRealm.USER, "openid patient/*.read");
        String read = member.realm.token(TestRealm.USER, "openid payer-links:read");

        HttpResponse<String> withOpenid = send("GET", url(member.realm, "links"), signInOnly);
        HttpResponse<String> withSmart = send("GET", url(member.realm, "links"), smartOnly);
        HttpResponse<String> withRead = send("GET", url(member.realm, "links"), read);
        HttpResponse<String> withManage = send("GET", url(member.realm, "links"), member.manageToken());
        HttpResponse<String> unlinkWithRead = send("DELETE", url(member.realm, "links/test"), read);

        for (HttpResponse<String> refused : List.of(withOpenid, withSmart)) {
            assertEquals(403, refused.statusCode(), refused.body());
            JsonNode outcome = KeycloakAdmin.JSON.readTree(refused.body());
            assertEquals("OperationOutcome", outcome.get("resourceType").asText());
            assertEquals("forbidden", outcome.get("issue").get(0).get("code").asText());
            assertTrue(refused.body().contains("payer-links:read"), refused.body());
            assertFalse(refused.body().contains(TestMembers.SHERIE.patientId()), "no link data in a refusal");
        }
        for (HttpResponse<String> allowed : List.of(withRead, withManage)) {
            assertEquals(200, allowed.statusCode(), allowed.body());
            assertEquals(TestMembers.SHERIE.patientId(),
                KeycloakAdmin.JSON.readTree(allowed.body()).get(0).get("patientId").asText());
        }
        assertEquals(403, unlinkWithRead.statusCode(), unlinkWithRead.body());
        assertTrue(unlinkWithRead.body().contains("payer-links:manage"), unlinkWithRead.body());
        assertEquals(1, member.realm.links().size(), "still linked");
        member.realm.delete();
    }

    @Test
    void unlinkingRevokesAtThePlanOnceThenRemovesTheLink() throws Exception {
        Member member = linked("unlink", TestMembers.SHERIE);
        int before = stack.sandbox().controls().requestCount(Area.REVOKE);

        HttpResponse<String> response = send("DELETE", url(member.realm, "links/test"), member.manageToken());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = KeycloakAdmin.JSON.readTree(response.body());
        assertEquals("revoked", body.get("revocation").asText());
        assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE) - before);
        assertEquals(0, member.realm.links().size());
        assertEquals(404, send("GET", url(member.realm, "fhir/test/Coverage"), member.appToken).statusCode());
        assertFalse(response.body().contains("sbx_"));
        JsonNode event = member.realm.admin.get("/admin/realms/" + member.realm.name
            + "/events?type=REMOVE_FEDERATED_IDENTITY").get(0);
        assertEquals("revoked", event.get("details").get("revocation").asText());
        member.realm.delete();
    }

    @Test
    void aPlanFailingOrHangingOnRevocationDoesNotKeepTheUserLinked() throws Exception {
        Member failing = linked("revfail", TestMembers.MAYTE);
        stack.sandbox().controls().failNext(Area.REVOKE, 1, Fault.status(503));
        HttpResponse<String> failed = send("DELETE", url(failing.realm, "links/test"), failing.manageToken());

        Member hanging = linked("revhang", TestMembers.DELMAR);
        stack.sandbox().controls().failNext(Area.REVOKE, 1, Fault.hang());
        HttpResponse<String> timedOut = send("DELETE", url(hanging.realm, "links/test"), hanging.manageToken());

        for (HttpResponse<String> response : List.of(failed, timedOut)) {
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = KeycloakAdmin.JSON.readTree(response.body());
            assertEquals("failed", body.get("revocation").asText());
            assertTrue(body.get("revocationError").asText().length() > 10, body.toString());
        }
        assertTrue(KeycloakAdmin.JSON.readTree(timedOut.body()).get("revocationError").asText().contains("timed out"));
        assertEquals(0, failing.realm.links().size());
        assertEquals(0, hanging.realm.links().size());
        JsonNode event = failing.realm.admin.get("/admin/realms/" + failing.realm.name
            + "/events?type=REMOVE_FEDERATED_IDENTITY").get(0);
        assertEquals("failed", event.get("details").get("revocation").asText());
        failing.realm.delete();
        hanging.realm.delete();
    }

    @Test
    void unlinkingNeedsTheManageScopeAndOnlyReachesTheCallersOwnLinks() throws Exception {
        Member member = linked("manage", TestMembers.GEORGE);
        member.realm.addUser("other");
        String readOnly = member.realm.token(TestRealm.USER, "openid patient/*.read");
        String otherManager = member.realm.token("other", "openid payer-links:manage");

        HttpResponse<String> withoutScope = send("DELETE", url(member.realm, "links/test"), readOnly);
        HttpResponse<String> otherUser = send("DELETE", url(member.realm, "links/test"), otherManager);
        HttpResponse<String> unknown = send("DELETE", url(member.realm, "links/nosuch"), member.manageToken());
        HttpResponse<String> anonymous = send("DELETE", url(member.realm, "links/test"), null);

        assertEquals(403, withoutScope.statusCode(), withoutScope.body());
        assertTrue(withoutScope.body().contains("payer-links:manage"));
        assertEquals(404, otherUser.statusCode(), otherUser.body());
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals(1, member.realm.links().size(), "still linked");
        assertEquals(0, stack.sandbox().controls().requestCount(Area.REVOKE));
        member.realm.delete();
    }

    @Test
    void keycloaksOwnUnlinkPathsRevokeAtThePlanToo() throws Exception {
        Member viaAdmin = linked("kcadmin", TestMembers.SHERIE);
        int start = stack.sandbox().controls().requestCount(Area.REVOKE);
        viaAdmin.realm.admin.require(viaAdmin.realm.admin.send("DELETE", "/admin/realms/" + viaAdmin.realm.name
            + "/users/" + viaAdmin.realm.userId() + "/federated-identity/test", null), 204);
        assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE) - start, "admin console unlink");

        Member viaAccount = linked("kcaccount", TestMembers.MAYTE);
        start = stack.sandbox().controls().requestCount(Area.REVOKE);
        HttpResponse<String> account = HTTP.send(HttpRequest.newBuilder(URI.create(stack.keycloak().baseUrl()
                + "/realms/" + viaAccount.realm.name + "/account/linked-accounts/test"))
            .header("Authorization", "Bearer " + viaAccount.realm.token(TestRealm.USER, "openid"))
            .header("Accept", "application/json").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, account.statusCode(), account.body());
        assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE) - start, "account console unlink");

        Member deleted = linked("kcdelete", TestMembers.JASON);
        start = stack.sandbox().controls().requestCount(Area.REVOKE);
        deleted.realm.admin.require(deleted.realm.admin.send("DELETE", "/admin/realms/" + deleted.realm.name
            + "/users/" + deleted.realm.userId(), null), 204);
        assertEquals(1, stack.sandbox().controls().requestCount(Area.REVOKE) - start, "user deletion");

        viaAdmin.realm.delete();
        viaAccount.realm.delete();
        deleted.realm.delete();
    }

    @Test
    void theConnectPageNeedsAnApp() throws Exception {
        TestRealm realm = TestRealm.create(stack, "connect");
        realm.addPlan(realm.plan("test", Track.TEST));

        HttpResponse<String> noApp = send("GET", url(realm, "connect"), null);

        assertEquals(400, noApp.statusCode(), noApp.body());
        assertTrue(noApp.body().contains("client_id"));
        realm.delete();
    }

    private record Member(TestRealm realm, String appToken) {
        String manageToken() throws Exception {
            return realm.token(TestRealm.USER, "openid payer-links:manage");
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

    private String url(TestRealm realm, String path) {
        return stack.keycloak().baseUrl() + "/realms/" + realm.name + "/payer-access/" + path;
    }

    private static HttpResponse<String> send(String method, String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
