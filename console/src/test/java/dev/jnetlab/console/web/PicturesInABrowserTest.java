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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
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
    void theReportOnATopologyDrawsTheNetwork() throws Exception {
        VirtualConsole console = new VirtualConsole("routed", NetworkConfig.defaults(4),
                StandardCommands.registry().register(() -> new ReportCommand(ReportSources.NONE)));
        console.ok("ping -c 1 h2");
        Path file = dir.resolve("routed.html");
        console.ok("report " + file);
        try (Browser browser = Browser.open()) {
            browser.driver.get(file.toUri().toString());
            WebElement network = browser.driver.findElement(By.cssSelector("#network svg"));
            assertTrue(network.getSize().getWidth() > 500 && network.getSize().getHeight() > 80, "rendered: " + network.getSize());
            for (String id : List.of("node-h1", "node-r1", "node-h2", "link-h1-r1", "link-r1-h2")) {
                assertTrue(browser.driver.findElement(By.id(id)).isDisplayed(), id);
            }
            assertTrue(Files.size(browser.screenshot("report-routed")) > 10_000);
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
            WebDriverWait wait = waitFor(browser);
            wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-sequence") != null);
            assertEquals(1, web.watchers());
            assertTrue(browser.driver.findElement(By.cssSelector("#node-this .address")).getText().startsWith("192.168.69.1"));
            assertTrue(browser.driver.findElement(By.id("lab")).getText().contains("step 1 of 3"));
            assertEquals(0, browser.driver.findElements(By.cssSelector("#frames li.tx")).size(), "nothing sent yet");

            pump.run("tcp connect 192.168.69.100:7");
            pump.run("tcp send 1 hello");
            wait.until(d -> !d.findElements(By.cssSelector("#frames li.tx")).isEmpty());
            wait.until(d -> !d.findElements(By.cssSelector("#connections article#tcp-1 figure.ladder svg")).isEmpty());
            assertTrue(browser.driver.findElement(By.cssSelector("#frames li.tx")).getText().contains("192.168.69.100"));
            assertTrue(framesOn(browser.driver, "this-peer") > 0, "the pair's one link carried them");
            assertTrue(browser.driver.findElement(By.id("faults")).getText().contains("fault"), "the fault settings");
            int before = Integer.parseInt(browser.driver.findElement(By.id("tcp-1")).getAttribute("data-segments"));
            pump.run("tcp send 1 again");
            wait.until(d -> Integer.parseInt(d.findElement(By.id("tcp-1")).getAttribute("data-segments")) > before);
            assertTrue(browser.driver.findElements(By.cssSelector("#tcp-1 figure.ladder g.segment")).size() > before - 1,
                    "the flow graph grew with the connection");
            assertTrue(Files.size(browser.screenshot("live")) > 10_000);
        }
    }

    /**
     * A wait that polls again when the page redrew what it had found (a picture is replaced
     * whole when it changes) between finding an element and reading it.
     */
    private static WebDriverWait waitFor(Browser browser) {
        WebDriverWait wait = new WebDriverWait(browser.driver, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static int framesOn(WebDriver driver, String link) {
        return Integer.parseInt(driver.findElement(By.id("link-" + link)).getAttribute("data-frames"));
    }

    @Test
    void theLivePageDrawsTheTopologyAndAPingMarksFramesOnEachLinkItCrosses() throws Exception {
        VirtualConsole console = new VirtualConsole("routed");
        // The hosts' IPv6 start-up (listener reports, router solicitations until 9 s in) and r1's
        // first advertisements (the last at most 3.5 + 16 + 16 s in, the next 198 s or more after
        // it, RFC 4861 section 6.2.4) are over before the page opens, so that the links carry only
        // what the ping sends.
        console.ok("sleep 40");
        try (Pump pump = new Pump(console);
             WebView web = WebView.start(pump.session(), ReportSources.NONE, InetAddress.getLoopbackAddress(), 0);
             Browser browser = Browser.open()) {
            browser.driver.get(web.url());
            WebDriverWait wait = waitFor(browser);
            wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-sequence") != null);
            for (String node : List.of("h1", "r1", "h2")) {
                WebElement box = browser.driver.findElement(By.id("node-" + node));
                assertTrue(box.isDisplayed() && box.getText().contains(node), node);
            }
            assertTrue(browser.driver.findElement(By.id("node-h1")).getAttribute("class").contains("current"),
                    "the prompt's node is marked");
            assertEquals(0, framesOn(browser.driver, "h1-r1"));
            assertEquals(0, framesOn(browser.driver, "r1-h2"));

            // Every dot the page sets moving, written down as it is added (it is gone a second later).
            ((JavascriptExecutor) browser.driver).executeScript("window.dots = [];"
                    + "new MutationObserver(changes => changes.forEach(c => c.addedNodes.forEach(n => {"
                    + "  if (n.classList && n.classList.contains('frame-dot')) {"
                    + "    window.dots.push(n.getAttribute('data-link') + ' to ' + n.getAttribute('data-to')); }"
                    + "}))).observe(document.getElementById('network'), {childList: true, subtree: true});");

            pump.run("ping -c 1 h2");
            wait.until(d -> framesOn(d, "h1-r1") >= 4 && framesOn(d, "r1-h2") >= 4);
            @SuppressWarnings("unchecked")
            List<String> dots = (List<String>) ((JavascriptExecutor) browser.driver).executeScript("return window.dots;");
            for (String crossing : List.of("h1-r1 to r1", "r1-h2 to h2", "r1-h2 to r1", "h1-r1 to h1")) {
                assertTrue(dots.contains(crossing), "a frame moved " + crossing + ": " + dots);
            }
            assertTrue(Files.size(browser.screenshot("live-routed")) > 10_000);
            List<String> hops = browser.driver.findElements(By.cssSelector("#frames li.hop")).stream()
                    .map(WebElement::getText).toList();
            assertTrue(hops.stream().anyMatch(h -> h.startsWith("r1-h2 \u2192 h2: ") && h.contains("echo request")), 
                    "the request reached h2 across r1-h2: " + hops);
            assertTrue(hops.stream().anyMatch(h -> h.startsWith("h1-r1 \u2192 h1: ") && h.contains("echo reply")),
                    "the reply came back to h1 across h1-r1: " + hops);

            int counted = framesOn(browser.driver, "h1-r1");
            pump.run("node h2");
            wait.until(d -> d.findElement(By.id("node-h2")).getAttribute("class").contains("current"));
            assertEquals(counted, framesOn(browser.driver, "h1-r1"), "a redrawn picture keeps each link's count");
        }
    }
}
