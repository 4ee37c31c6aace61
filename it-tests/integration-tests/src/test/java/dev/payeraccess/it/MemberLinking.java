package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMember;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The member's walk through Keycloak's real pages and the sandbox's verification page: sign in, confirm
 * linking ({@code kc_action=idp_link:{alias}}), verify at the plan, come back to the app.
 */
final class MemberLinking {

    private final KeycloakStack stack;

    MemberLinking(KeycloakStack stack) {
        this.stack = stack;
    }

    HttpResponse<String> link(TestRealm realm, String alias, TestMember member, KeycloakBrowser browser)
        throws Exception {
        return link(realm, alias, TestRealm.USER, member, browser);
    }

    /** {@code username} (whose password is {@link TestRealm#PASSWORD}) links {@code member} at the plan. */
    HttpResponse<String> link(TestRealm realm, String alias, String username, TestMember member,
        KeycloakBrowser browser) throws Exception {
        HttpResponse<String> planPage = toPlanPage(realm, alias, username, browser);
        return browser.follow(browser.verifyMember(planPage, memberForm(member)), TestRealm.APP_REDIRECT);
    }

    HttpResponse<String> toPlanPage(TestRealm realm, String alias, KeycloakBrowser browser) throws Exception {
        return toPlanPage(realm, alias, TestRealm.USER, browser);
    }

    HttpResponse<String> toPlanPage(TestRealm realm, String alias, String username, KeycloakBrowser browser)
        throws Exception {
        HttpResponse<String> planPage = startLink(realm, alias, username, browser);
        assertTrue(planPage.uri().toString().startsWith(stack.sandbox().urls().base()),
            "expected the plan's page, got " + planPage.uri() + " HTTP " + planPage.statusCode() + "\n"
                + planPage.body());
        return planPage;
    }

    /**
     * {@code username} signs in and confirms linking {@code alias}: the page the browser ends on, the plan's
     * verification page when Keycloak sends the member there, else Keycloak's answer.
     */
    HttpResponse<String> startLink(TestRealm realm, String alias, String username, KeycloakBrowser browser)
        throws Exception {
        String auth = stack.keycloak().baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/auth"
            + "?client_id=" + TestRealm.APP_CLIENT + "&response_type=code&scope=openid"
            + "&redirect_uri=" + URLEncoder.encode(TestRealm.APP_REDIRECT, StandardCharsets.UTF_8)
            + "&kc_action=" + URLEncoder.encode("idp_link:" + alias, StandardCharsets.UTF_8);
        HttpResponse<String> loginPage = browser.follow(browser.get(auth), null);
        HttpResponse<String> confirmation = browser.follow(browser.login(loginPage, username, TestRealm.PASSWORD),
            TestRealm.APP_REDIRECT);
        return browser.follow(browser.confirmLink(confirmation), TestRealm.APP_REDIRECT);
    }

    static Map<String, String> memberForm(TestMember member) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("action", "verify");
        form.put("firstName", member.firstName());
        form.put("lastName", member.lastName());
        form.put("birthDate", member.birthDate().format(DateTimeFormatter.ofPattern("MM/dd/yyyy")));
        form.put("memberId", member.memberId());
        form.put("postalCode", member.postalCode());
        form.put("email", member.memberId() + "@members.example");
        return form;
    }

    String appAccessToken(TestRealm realm, HttpResponse<String> end, KeycloakBrowser browser) throws Exception {
        String code = MemberLinking.query(KeycloakBrowser.location(end).split("\\?", 2)[1]).get("code");
        HttpResponse<String> tokens = browser.post(stack.keycloak().baseUrl() + "/realms/" + realm.name
            + "/protocol/openid-connect/token", Map.of("grant_type", "authorization_code", "code", code,
            "client_id", TestRealm.APP_CLIENT, "redirect_uri", TestRealm.APP_REDIRECT));
        assertEquals(200, tokens.statusCode(), tokens.body());
        return ApiResponse.JSON.readTree(tokens.body()).get("access_token").asText();
    }

    /** Signs {@code username} in to the app (no linking) and returns the redirect that carries the app's code. */
    HttpResponse<String> signIn(TestRealm realm, String username, KeycloakBrowser browser) throws Exception {
        String auth = stack.keycloak().baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/auth"
            + "?client_id=" + TestRealm.APP_CLIENT + "&response_type=code&scope=openid"
            + "&redirect_uri=" + URLEncoder.encode(TestRealm.APP_REDIRECT, StandardCharsets.UTF_8);
        HttpResponse<String> loginPage = browser.follow(browser.get(auth), null);
        return browser.follow(browser.login(loginPage, username, TestRealm.PASSWORD), TestRealm.APP_REDIRECT);
    }

    static Map<String, String> query(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query == null) {
            return values;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }
}
