package dev.jnetlab.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.report.ReportCommand;
import dev.jnetlab.commands.report.ReportSources;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.NetworkConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report and the live web view in a real browser (headless Chromium): the elements that
 * must be there, the live page following a frame sent, a screenshot of each kept under
 * {@code target/browser/}.
 */
class PicturesInABrowserTest {
    /** How long the browser may take to show a change (polled, not slept). */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void theReportShowsEverySectionAndEachConnectionsPictures() throws Exception {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(4),
                StandardCommands.registry().register(() -> new ReportCommand(ReportSources.NONE)));
        console.ok("tcp connect 192.168.69.100:7");
        console.ok("tcp send 1 hello");
        console.ok("sleep 1");
        Path file = dir.resolve("session.html");
        console.ok("report " + file);
        try (Browser browser = Browser.open()) {
            browser.driver.get(file.toUri().toString());
            assertEquals("jnetlab session report", browser.driver.getTitle());
            for (String id : List.of("interface", "counters", "sockets", "faults", "connections", "trace", "lab")) {
                assertTrue(browser.driver.findElement(By.id(id)).isDisplayed(), id);
            }
            WebElement connection = browser.driver.findElement(By.id("tcp-1"));
            assertEquals(3, connection.findElements(By.tagName("svg")).size());
            assertTrue(connection.findElements(By.cssSelector("figure.ladder g.segment")).size() >= 4,
                    "the handshake and the data on the flow graph");
            WebElement plot = connection.findElement(By.cssSelector("figure.time-sequence svg"));
            assertTrue(plot.getSize().getWidth() > 300 && plot.getSize().getHeight() > 150, "rendered: " + plot.getSize());
            assertTrue(Files.size(browser.screenshot("report")) > 10_000);
        }
    }

    @Test
    void theLivePageFollowsAFrameSent() throws Exception {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(5));
        ReportSources sources = new ReportSources() {
            @Override
            public List<String> recentLines() {
                return List.of("a line said");
            }

            @Override
            public Optional<String> lab(Session session) {
                return Optional.of("lab tcp-handshake: step 1 of 3");
            }
        };
        try (Pump pump = new Pump(console);
             WebView web = WebView.start(pump.session(), sources, InetAddress.getLoopbackAddress(), 0);
             Browser browser = Browser.open()) {
            assertTrue(web.url().startsWith("http://127.0.0.1:"), web.url());
            browser.driver.get(web.url());
            WebDriverWait wait = new WebDriverWait(browser.driver, PATIENCE);
            wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-sequence") != null);
            assertEquals(1, web.watchers());
            assertTrue(browser.driver.findElement(By.cssSelector("#node-0 .address")).getText().startsWith("192.168.69.1"));
            assertTrue(browser.driver.findElement(By.id("lab")).getText().contains("step 1 of 3"));
            assertEquals(0, browser.driver.findElements(By.cssSelector("#frames li.tx")).size(), "nothing sent yet");

            pump.run("tcp connect 192.168.69.100:7");
            pump.run("tcp send 1 hello");
            wait.until(d -> !d.findElements(By.cssSelector("#frames li.tx")).isEmpty());
            wait.until(d -> !d.findElements(By.cssSelector("#connections article#tcp-1 figure.ladder svg")).isEmpty());
            assertTrue(browser.driver.findElement(By.cssSelector("#frames li.tx")).getText().contains("192.168.69.100"));
            assertTrue(browser.driver.findElement(By.id("faults")).getText().contains("fault"), "the fault settings");
            int before = Integer.parseInt(browser.driver.findElement(By.id("tcp-1")).getAttribute("data-segments"));
            pump.run("tcp send 1 again");
            wait.until(d -> Integer.parseInt(d.findElement(By.id("tcp-1")).getAttribute("data-segments")) > before);
            assertTrue(browser.driver.findElements(By.cssSelector("#tcp-1 figure.ladder g.segment")).size() > before - 1,
                    "the flow graph grew with the connection");
            assertTrue(Files.size(browser.screenshot("live")) > 10_000);
        }
    }
}
