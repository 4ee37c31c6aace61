package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.demo.DemoWebhookReceiver;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's demo as a newcomer walks it, in a real headless Chromium: open the demo app, sign in as
 * the demo user, connect the {@code test} plan through the picker, verify as a seeds member, and see the
 * member's coverage and claims read through the proxy; after the plan revokes the grant, the member is asked at the
 * next sign-in to reconnect it ("Reconnect your health plan", the {@code payer-access-reconnect} required action)
 * and "Later" lets them in. The demo's webhook receiver, subscribed to the demo realm, shows each change with its
 * signature checked. Screenshots go to target/screenshots.
 */
@ExtendWith(PayerAccessStack.class)
class DemoAppBrowserIT {

    @Test
    void fromSignInToClaimsOnScreen(KeycloakStack stack) throws Exception {
        Path target = stack.workDir();
        DemoWebhookReceiver webhooks = DemoWebhookReceiver.start(0);
        String subscription = webhooks.subscribe(stack.publicUrl(), KeycloakStack.DEMO_REALM, "admin", "admin");
        ChromeDriver browser = HeadlessChromium.start(target.resolve("chromium-profile-demo"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        try {
            browser.get(stack.demoApp().url() + "/");
            wait.until(d -> d.findElement(By.id("sign-in")).isDisplayed());
            assertFalse(browser.findElement(By.id("sign-out")).isDisplayed(), "Sign out before anyone signed in");
            browser.findElement(By.id("sign-in")).click();
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            HeadlessChromium.screenshot(browser, target.resolve("screenshots/demo-sign-in.png"));
            signInAsDemo(browser);
            wait.until(d -> d.findElement(By.id("plans")).isDisplayed());
            assertEquals("Dana Demo", browser.findElement(By.id("who-name")).getText());
            assertTrue(browser.findElement(By.id("sign-out")).isDisplayed(), "Sign out once signed in");
            assertFalse(browser.findElement(By.id("sign-in")).isDisplayed(), "Sign in while signed in");

            browser.findElement(By.id("connect")).click();
            wait.until(d -> !d.findElements(By.id("plan-test")).isEmpty());
            assertEquals(3, browser.findElements(By.cssSelector("#plan-list a")).size(),
                "the demo realm's three plans");
            browser.findElement(By.id("plan-test")).click();
            wait.until(d -> !d.findElements(By.id("kc-continue")).isEmpty());
            browser.findElement(By.id("kc-continue")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(stack.sandbox().urls().base()));
            HeadlessChromium.verifyAtSandbox(browser, TestMembers.SHERIE);

            wait.until(d -> !d.findElements(By.cssSelector("#plan-list li[data-alias=test]")).isEmpty());
            WebElement plan = browser.findElement(By.cssSelector("#plan-list li[data-alias=test]"));
            assertTrue(plan.getText().contains(TestMembers.SHERIE.patientId()), plan.getText());
            plan.findElement(By.xpath(".//button[text()='Show claims']")).click();
            wait.until(d -> d.findElement(By.id("records")).isDisplayed()
                && !d.findElements(By.cssSelector("#claims tbody tr")).isEmpty());
            Thread.sleep(500);
            Path shot = HeadlessChromium.screenshot(browser, target.resolve("screenshots/demo-claims.png"));

            List<WebElement> rows = browser.findElements(By.cssSelector("#claims tbody tr"));
            assertTrue(rows.size() > 5, rows.size() + " claims; " + shot);
            assertTrue(rows.get(0).findElements(By.tagName("td")).get(3).getText().matches("[0-9]+\\.[0-9]{2}.*"),
                "a billed amount: " + rows.get(0).getText());
            assertTrue(!browser.findElements(By.cssSelector("#coverage p")).isEmpty(), "coverage shown");
            assertTrue(browser.findElement(By.id("raw-json")).getAttribute("textContent").contains("\"resourceType\""));

            // All plans: the claims of every connected plan through fhir/_all, each row naming its plan.
            String planName = browser.findElement(By.cssSelector("#plan-list li[data-alias=test] h3")).getText();
            browser.findElement(By.id("show-all")).click();
            wait.until(d -> d.findElement(By.id("all-plans")).isDisplayed()
                && !d.findElements(By.cssSelector("#all-plans-rows tbody tr")).isEmpty());
            HeadlessChromium.screenshot(browser, target.resolve("screenshots/demo-all-plans.png"));
            List<WebElement> allPlans = browser.findElements(By.cssSelector("#all-plans-rows tbody tr"));
            assertEquals(planName, allPlans.get(0).findElements(By.tagName("td")).get(0).getText(),
                "each row names its plan: " + allPlans.get(0).getText());
            assertTrue(browser.findElements(By.cssSelector("#all-plans-notes li")).isEmpty(), "no plan failed");

            // The plan withdraws every authorization: the next read needs a relink, which the app offers.
            stack.sandbox().grants().revokeAll();
            browser.findElement(By.cssSelector("#plan-list li[data-alias=test]"))
                .findElement(By.xpath(".//button[text()='Show claims']")).click();
            wait.until(d -> !d.findElements(By.xpath("//li[@data-alias='test']//button[text()='Reconnect']"))
                .isEmpty());
            HeadlessChromium.screenshot(browser, target.resolve("screenshots/demo-relink.png"));
            assertTrue(browser.findElement(By.id("status")).getText().contains("needs to be reconnected"),
                browser.findElement(By.id("status")).getText());

            // Signing in again, the member is asked at Keycloak's sign-in to reconnect the plan; "Later" lets them in.
            signOutAndIn(browser, wait);
            wait.until(d -> !d.findElements(By.id("reconnect-title")).isEmpty());
            Path prompt = HeadlessChromium.screenshot(browser, target.resolve("screenshots/reconnect-prompt.png"));
            assertEquals("Reconnect your health plan", browser.findElement(By.id("reconnect-title")).getText());
            WebElement asked = browser.findElement(By.id("plan-test"));
            assertTrue(asked.getText().contains("Demo Health Plan")
                && asked.getText().contains("Demo Health Plan asked you to connect again."), asked.getText()
                + "; " + prompt);
            assertTrue(browser.findElement(By.id("reconnect-test")).isDisplayed(), "a Reconnect button; " + prompt);
            browser.findElement(By.id("reconnect-later")).click();
            wait.until(d -> !d.findElements(By.xpath("//li[@data-alias='test']//button[text()='Reconnect']"))
                .isEmpty());
            assertEquals("Dana Demo", browser.findElement(By.id("who-name")).getText(), "signed in after Later");
            browser.findElement(By.xpath("//li[@data-alias='test']//button[text()='Reconnect']")).click();
            wait.until(d -> !d.findElements(By.id("kc-continue")).isEmpty());
            browser.findElement(By.id("kc-continue")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(stack.sandbox().urls().base()));
            HeadlessChromium.verifyAtSandbox(browser, TestMembers.SHERIE);
            wait.until(d -> !d.findElements(By.xpath("//li[@data-alias='test']//button[text()='Show claims']"))
                .isEmpty());
            assertTrue(browser.findElement(By.cssSelector("#plan-list li[data-alias=test]")).getText()
                .contains("connected"));

            // The demo's webhook receiver shows what the realm sent it, each signature checked.
            browser.get(webhooks.url() + "/");
            wait.until(d -> {
                d.navigate().refresh();
                String log = d.findElement(By.id("deliveries")).getText();
                return log.contains("link.revoked") && log.contains("link.linked");
            });
            HeadlessChromium.screenshot(browser, target.resolve("screenshots/demo-webhooks.png"));
            List<DemoWebhookReceiver.Delivery> received = webhooks.deliveries();
            assertTrue(received.stream().allMatch(DemoWebhookReceiver.Delivery::verified), received.toString());
            PayerTokens.assertNoneIn(stack, received.toString(), "the demo's webhook log");
        } finally {
            browser.quit();
            webhooks.close();
            new KeycloakAdmin(stack.keycloak()).realm(KeycloakStack.DEMO_REALM)
                .delete("payer-access/webhooks/" + subscription).expect(204);
        }
    }

    private static void signOutAndIn(ChromeDriver browser, WebDriverWait wait) {
        browser.findElement(By.id("sign-out")).click();
        wait.until(d -> !d.findElements(By.id("sign-in")).isEmpty() && d.findElement(By.id("sign-in")).isDisplayed());
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> !d.findElements(By.id("username")).isEmpty());
        signInAsDemo(browser);
    }

    private static void signInAsDemo(ChromeDriver browser) {
        browser.findElement(By.id("username")).sendKeys("demo");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("kc-login")).click();
    }
}
