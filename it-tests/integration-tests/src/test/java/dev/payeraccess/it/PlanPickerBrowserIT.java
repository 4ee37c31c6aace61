package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole member journey in a real headless Chromium: sign in to the app with Keycloak, open the plan
 * picker, find the {@code test} plan by searching, confirm linking, verify as Sherie778 Fahey393 on the
 * plan's page, come back to the app linked; the links API then shows the plan {@code active}, and the
 * account console lists it. Screenshots of the picker and the linked accounts go to target/screenshots.
 */
@ExtendWith(PayerAccessStack.class)
class PlanPickerBrowserIT {

    @Test
    void aSignedInUserLinksTheTestPlanThroughThePicker(KeycloakStack stack) throws Exception {
        TestRealm realm = TestRealm.create(stack, "picker");
        realm.addSmartScopes();
        realm.addPlan(realm.plan("test", Track.TEST, c -> c.put("planDescription",
            "Claims, coverage and care team from the Demo Health Plan test system")));
        realm.addPlan(realm.plan("p2p", Track.PAYER2PAYER, c -> c.put("planDescription",
            "Your previous plan's records (payer-to-payer exchange)")));
        Path target = stack.workDir();
        String realmUrl = stack.keycloak().baseUrl() + "/realms/" + realm.name;
        String appQuery = "client_id=" + TestRealm.APP_CLIENT + "&redirect_uri="
            + URLEncoder.encode(TestRealm.APP_REDIRECT, StandardCharsets.UTF_8);
        ChromeDriver browser = HeadlessChromium.start(target.resolve("chromium-profile-picker"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        try {
            browser.get(realmUrl + "/protocol/openid-connect/auth?response_type=code&scope=openid&" + appQuery);
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            browser.findElement(By.id("username")).sendKeys(TestRealm.USER);
            browser.findElement(By.id("password")).sendKeys(TestRealm.PASSWORD);
            browser.findElement(By.id("kc-login")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(TestRealm.APP_REDIRECT));

            browser.get(realmUrl + "/payer-access/connect?" + appQuery + "&state=picker-test");
            wait.until(d -> !d.findElements(By.id("plan-search")).isEmpty());
            Path picker = HeadlessChromium.screenshot(browser, target.resolve("screenshots/plan-picker.png"));
            assertEquals("Find your plan", browser.findElement(By.cssSelector("label[for=plan-search]")).getText());
            assertEquals(2, browser.findElements(By.cssSelector("#plan-list a")).size(),
                "both plans listed; " + picker);

            browser.findElement(By.id("plan-search")).sendKeys("test system");
            assertFalse(browser.findElement(By.id("plan-p2p")).isDisplayed(), "the search hides the other plan");
            HeadlessChromium.screenshot(browser, target.resolve("screenshots/plan-picker-search.png"));
            browser.findElement(By.id("plan-search")).sendKeys(Keys.ENTER);

            wait.until(d -> !d.findElements(By.id("kc-continue")).isEmpty());
            browser.findElement(By.id("kc-continue")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(stack.sandbox().urls().base()));
            HeadlessChromium.verifyAtSandbox(browser, TestMembers.SHERIE);
            wait.until(d -> d.getCurrentUrl().startsWith(TestRealm.APP_REDIRECT));
            assertTrue(browser.getCurrentUrl().contains("state=picker-test"), browser.getCurrentUrl());
            String code = MemberLinking.query(URI.create(browser.getCurrentUrl()).getRawQuery()).get("code");

            JsonNode link = onlyLink(realm, appToken(stack, realm, code));
            assertEquals("test", link.get("alias").asText());
            assertEquals(TestMembers.SHERIE.patientId(), link.get("patientId").asText());
            assertEquals("active", link.get("tokenState").asText());

            browser.get(realmUrl + "/account/account-security/linked-accounts");
            try {
                // The account console checks its session and renders twice: the body it was reading can go stale.
                wait.ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.tagName("body")).getText().contains("Demo Health Plan (test)"));
            } finally {
                Thread.sleep(800); // let the console finish its layout before the picture
                HeadlessChromium.screenshot(browser, target.resolve("screenshots/account-linked-accounts.png"));
            }
        } finally {
            browser.quit();
            realm.delete();
        }
    }



    private static String appToken(KeycloakStack stack, TestRealm realm, String code) throws Exception {
        ApiResponse tokens = ApiResponse.send(HttpRequest.newBuilder(URI.create(
                stack.keycloak().baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=" + TestRealm.APP_CLIENT
                + "&code=" + code + "&redirect_uri="
                + URLEncoder.encode(TestRealm.APP_REDIRECT, StandardCharsets.UTF_8)))
            .build());
        assertEquals(200, tokens.status(), tokens::toString);
        return tokens.json().get("access_token").asText();
    }

    private static JsonNode onlyLink(TestRealm realm, String token) throws Exception {
        ApiResponse links = realm.api().as(token).links().list();
        assertEquals(200, links.status(), links::toString);
        JsonNode array = links.json();
        assertEquals(1, array.size(), links.body());
        return array.get(0);
    }
}
