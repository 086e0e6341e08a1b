package dev.jnetlab.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.report.ReportSources;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.NetworkConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The web view's server without a browser: what it serves, to whom, and that it costs the link nothing unwatched. */
class WebViewTest {
    private final VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private boolean feedOnTheLink(Session session) throws Exception {
        // The ladders are on the monitor only while they follow something, and nothing is followed here.
        return session.stack((network, now) -> network.link().monitor().isMonitoring());
    }

    @Test
    void onLoopbackItServesThePageWithoutAToken() throws Exception {
        try (Pump pump = new Pump(console);
             WebView web = WebView.start(pump.session(), ReportSources.NONE, InetAddress.getLoopbackAddress(), 0)) {
            assertFalse(web.url().contains("token"), web.url());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(web.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("new EventSource(\"/events\""));
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(web.url() + "nothing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
        }
    }

    @Test
    void boundElsewhereEveryRequestNeedsTheTokenOfItsUrl() throws Exception {
        try (Pump pump = new Pump(console);
             WebView web = WebView.start(pump.session(), ReportSources.NONE, InetAddress.getByName("0.0.0.0"), 0)) {
            String url = web.url().replace("0.0.0.0", "127.0.0.1");
            assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{32}"), url);
            String without = url.substring(0, url.indexOf('?'));
            assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(without)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(without + "?token=0")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void theFrameFeedIsOnTheLinkOnlyWhileSomeoneWatches() throws Exception {
        try (Pump pump = new Pump(console);
             WebView web = WebView.start(pump.session(), ReportSources.NONE, InetAddress.getLoopbackAddress(), 0)) {
            Session session = pump.session();
            assertFalse(feedOnTheLink(session), "nobody watches: nothing on the packet path");
            HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(URI.create(web.url() + "events")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals("text/event-stream", events.headers().firstValue("content-type").orElseThrow());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = lines.readLine();
                } while (line != null && !line.startsWith("data: "));
                assertTrue(line != null && line.contains("\"sequence\":") && line.contains("\"nodes\":"), line);
                assertEquals(1, web.watchers());
                assertTrue(feedOnTheLink(session), "watched: the frames are fed to the page");
            }
        }
        try (Pump pump = new Pump(console)) {
            assertFalse(feedOnTheLink(pump.session()), "closed: off the link again");
        }
    }

    @Test
    void onATopologyTheLinksAreWatchedOnlyWhileSomeoneWatches() throws Exception {
        VirtualConsole routed = new VirtualConsole("routed");
        try (Pump pump = new Pump(routed);
             WebView web = WebView.start(pump.session(), ReportSources.NONE, InetAddress.getLoopbackAddress(), 0)) {
            Session session = pump.session();
            assertFalse(watched(session), "nobody watches: a frame costs the links one test of a null field");
            HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(URI.create(web.url() + "events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = lines.readLine();
                } while (line != null && !line.startsWith("data: "));
                assertTrue(line != null && line.contains("\"links\":[{\"name\":\"h1-r1\"") && line.contains("\"current\":\"h1\""),
                        line);
                assertTrue(watched(session), "watched: every link's frames are fed to the page");
            }
        }
        try (Pump pump = new Pump(routed)) {
            assertFalse(watched(pump.session()), "closed: the links carry nothing for it again");
        }
    }

    private static boolean watched(Session session) throws Exception {
        return session.stack((network, now) -> network.topology().orElseThrow().framesWatched());
    }
}
