package dev.jnetlab.console.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through its chromedriver by Selenium, for the tests of
 * the pages jnetlab makes. Without them the tests are skipped, except under {@code CI=true},
 * where .ci/run installs them and their absence fails. Screenshots go to
 * {@code target/browser/}, kept as the run's artifacts. Chromium's profile and the singleton
 * directory it makes under TMPDIR go to a directory of the test's own, removed at {@link #close}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "browser");

    final ChromeDriver driver;
    private final Path scratch;

    private Browser(ChromeDriver driver, Path scratch) {
        this.driver = driver;
        this.scratch = scratch;
    }

    /** A headless Chromium, or the test skipped (failed under CI=true) when it is not installed. */
    static Browser open() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            Assertions.fail("chromium and chromium-driver are not installed (CI=true: .ci/run installs them)");
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        Path scratch = Files.createTempDirectory("jnetlab-browser-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: the tests run as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1600", "--user-data-dir=" + scratch.resolve("profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withEnvironment(Map.of("TMPDIR", scratch.toString())).build();
        return new Browser(new ChromeDriver(service, options), scratch);
    }

    /** Saves a screenshot of the page as {@code target/browser/NAME.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
