package dev.payeraccess.it;

import dev.payeraccess.sandbox.TestMember;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, through Debian's chromedriver: the real browser the product's pages are
 * checked in. Nothing is downloaded; the packages come from {@code .ci/run}.
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    static ChromeDriver start(Path profileDir) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver; .ci/run does this)");
        }
        Files.createDirectories(profileDir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The machine's network is closed: background services would only fail and slow the start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1400,1100", "--user-data-dir=" + profileDir.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * The page's text, read in one script call: a single-page console (Keycloak's account and admin consoles)
     * renders more than once, and an element found in one rendering can be gone when it is read.
     */
    static String pageText(WebDriver driver) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
            "return document.body ? document.body.innerText : '';"));
    }

    /** Fills in the sandbox's verification page as {@code member} and allows sharing. */
    static void verifyAtSandbox(ChromeDriver driver, TestMember member) {
        MemberLinking.memberForm(member).forEach((name, value) -> {
            if (!name.equals("action")) {
                WebElement field = driver.findElement(By.name(name));
                field.clear();
                field.sendKeys(value);
            }
        });
        driver.findElement(By.id("verify")).click();
    }

    static Path screenshot(ChromeDriver driver, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        return Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
