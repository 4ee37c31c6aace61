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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
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
                // The account console checks its session and renders twice.
                wait.until(d -> HeadlessChromium.pageText(d).contains("Demo Health Plan (test)"));
            } finally {
                Thread.sleep(800); // let the console finish its layout before the picture
                HeadlessChromium.screenshot(browser, target.resolve("screenshots/account-linked-accounts.png"));
            }
        } finally {
            browser.quit();
            realm.delete();
        }
    }

    /**
     * A realm of more plans than a page of the directory (made through the admin API): {@code payers} answers a page
     * with a {@code next} link and searches by name, the picker lists a page and searches on the server as the member
     * types, and the Brands export still lists every plan.
     */
    @Test
    void aRealmWithMorePlansThanAPageIsPagedAndSearchedOnTheServer(KeycloakStack stack) throws Exception {
        TestRealm realm = TestRealm.create(stack, "picker-many");
        int fillers = 101;
        // Made four at a time through the admin API: a second or two, not a minute of the suite.
        ExecutorService admins = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> made = new ArrayList<>();
            for (int i = 0; i < fillers; i++) {
                Map<String, Object> plan = realm.plan(String.format("filler-%03d", i), Track.TEST);
                plan.put("displayName", String.format("Filler Health %03d", i));
                made.add(admins.submit(() -> {
                    realm.addPlan(plan);
                    return null;
                }));
            }
            for (Future<?> plan : made) {
                plan.get();
            }
        } finally {
            admins.shutdownNow();
        }
        Map<String, Object> zephyr = realm.plan("zephyr", Track.TEST, c -> c.put("planDescription",
            "Members of Zéphyr Mutual in Vermont"));
        zephyr.put("displayName", "Zephyr Mutual");
        realm.addPlan(zephyr);
        ChromeDriver browser = HeadlessChromium.start(stack.workDir().resolve("chromium-profile-picker-many"));
        try {
            ApiResponse first = realm.api().payers().expect(200);
            assertEquals(100, first.json().size(), "a page, not every plan");
            String next = first.header("Link").orElseThrow().replaceAll("^<(.*)>; rel=\"next\"$", "$1");
            ApiResponse second = ApiResponse.send(HttpRequest.newBuilder(URI.create(next)).build()).expect(200);
            assertEquals(List.of("filler-100", "zephyr"), aliases(second.json()), "the rest, none twice");
            assertTrue(second.header("Link").isEmpty(), "the last page has no next");
            ApiResponse again = ApiResponse.send(HttpRequest.newBuilder(URI.create(next))
                .header("If-None-Match", second.header("ETag").orElseThrow()).build());
            assertEquals(304, again.status(), again::toString);
            assertEquals(List.of("zephyr"), aliases(realm.api().get("payers?name=vermont%20ZEPHYR").expect(200)
                .json()));
            assertEquals(400, realm.api().get("payers?_count=1000").status());
            JsonNode brands = realm.api().get("payers/brands").expect(200).json();
            assertEquals(2 * (fillers + 1), brands.get("entry").size(), "the export lists every plan");

            String appQuery = "client_id=" + TestRealm.APP_CLIENT + "&redirect_uri="
                + URLEncoder.encode(TestRealm.APP_REDIRECT, StandardCharsets.UTF_8);
            String withoutScript = realm.api().connect(appQuery + "&name=zephyr").expect(200).body();
            assertTrue(withoutScript.contains("id=\"plan-zephyr\"") && !withoutScript.contains("plan-filler-000"),
                "the search box is a form the server answers");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(realm.api().url("connect?" + appQuery));
            wait.until(d -> !d.findElements(By.id("plan-search")).isEmpty());
            assertEquals(100, browser.findElements(By.cssSelector("#plan-list a")).size());
            assertTrue(browser.findElement(By.id("plan-more")).isDisplayed(), "the page says there are more plans");
            assertTrue(browser.findElements(By.id("plan-zephyr")).isEmpty(), "Zephyr is past the first page");

            browser.findElement(By.id("plan-search")).sendKeys("zeph mutual");
            wait.until(d -> d.findElements(By.cssSelector("#plan-list a")).size() == 1
                && !d.findElements(By.id("plan-zephyr")).isEmpty());
            HeadlessChromium.screenshot(browser, stack.workDir().resolve("screenshots/plan-picker-server-search.png"));
            assertFalse(browser.findElement(By.id("plan-more")).isDisplayed());
            browser.findElement(By.id("plan-search")).sendKeys(Keys.ENTER);
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            assertTrue(browser.getCurrentUrl().contains("/protocol/openid-connect/"), browser.getCurrentUrl());
        } finally {
            browser.quit();
            realm.delete();
        }
    }

    private static List<String> aliases(JsonNode plans) {
        return StreamSupport.stream(plans.spliterator(), false).map(plan -> plan.get("alias").asText()).toList();
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
