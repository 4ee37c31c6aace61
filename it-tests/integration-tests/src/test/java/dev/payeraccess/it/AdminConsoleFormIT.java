package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.launch.KeycloakStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An administrator opens Identity providers, Health plan (FHIR R4) in the real admin console, in headless
 * Chromium, and sees a form with every setting. The screenshot is kept under target/screenshots.
 */
@ExtendWith(PayerAccessStack.class)
class AdminConsoleFormIT {

    private static final List<String> LABELS = List.of("FHIR base URL", "Authorization URL", "Token URL",
        "Revocation URL", "Discovered endpoints confirmed", "Client authentication", "Scopes", "Send scopes",
        "PKCE (S256)", "Send SMART audience",
        "Allowed resource types", "Logo URL", "Plan description", "Plan timeout (ms)",
        "Allow sign-in through this plan (risky)",
        // the plan profile
        "Client assertion signature algorithm", "Scope style", "Member's patient id from", "Refresh tokens",
        "Maximum authorization period (days)", "Paging", "Offset parameter", "Paging hosts",
        "Maximum requests per second", "Maximum concurrent requests");

    @Test
    void addPlanFormShowsEverySetting(KeycloakStack stack) throws Exception {
        TestRealm realm = TestRealm.create(stack, "console");
        Path target = stack.workDir();
        ChromeDriver browser = HeadlessChromium.start(target.resolve("chromium-profile-admin"));
        try {
            browser.get(stack.keycloak().baseUrl() + "/admin/master/console/#/" + realm.name
                + "/identity-providers/payer/add");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            browser.findElement(By.id("username")).sendKeys(stack.keycloak().adminUser());
            browser.findElement(By.id("password")).sendKeys(stack.keycloak().adminPassword());
            browser.findElement(By.id("kc-login")).click();
            wait.until(d -> d.getPageSource().contains("Plan timeout (ms)"));
            Thread.sleep(500); // let the form finish its layout before the picture
            Path shot = HeadlessChromium.screenshot(browser, target.resolve("screenshots/admin-console-add-plan.png"));

            String page = browser.findElement(By.tagName("body")).getText();
            for (String label : LABELS) {
                assertTrue(page.contains(label), "the form lacks '" + label + "'; screenshot " + shot);
            }
            assertTrue(Files.size(shot) > 10_000, "a real screenshot was taken");
        } finally {
            browser.quit();
            realm.delete();
        }
    }
}
