package dev.jnetlab.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.report.ReportSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code jnetlab --web [PORT]}: a page for a projector that shows the session live, served by
 * Jetty (an embedded server, no hand-written HTTP). {@code /} is the page, {@code /events} a
 * stream of server-sent events (the HTML Living Standard's EventSource), one JSON
 * {@link LiveState.Snapshot} every {@value #PERIOD_MILLIS} ms while someone watches.
 *
 * <p>Bound to the loopback address unless told otherwise; bound elsewhere, every request must
 * carry the random token of the URL it prints, since anyone on the network could read the
 * session. While nobody watches, no snapshot is made and the frame feed is off the link.
 */
public final class WebView implements AutoCloseable {
    static final long PERIOD_MILLIS = 300;

    private final Server server;
    private final ServerConnector connector;
    private final Session session;
    private final ReportSources sources;
    private final FrameFeed feed;
    private final String token;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pusher;
    private final ObjectMapper json = new ObjectMapper();
    private final byte[] page;
    private long sequence;

    /** One open event stream. */
    private record Watcher(Response response, Callback done, AtomicBoolean writing) {
    }

    private WebView(Session session, ReportSources sources, InetAddress address, int port, String token)
            throws CommandException, InterruptedException {
        this.session = session;
        this.sources = sources;
        this.token = token;
        this.feed = session.stack((network, now) -> new FrameFeed(network));
        this.page = page();
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("jnetlab-web");
        threads.setDaemon(true);
        this.server = new Server(threads);
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return serve(request, response, callback);
            }
        });
        this.pusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jnetlab-web-push");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts serving on {@code address}:{@code port} (0: any free port).
     *
     * @throws IOException when the port cannot be bound, with the reason
     */
    public static WebView start(Session session, ReportSources sources, InetAddress address, int port)
            throws IOException, CommandException, InterruptedException {
        String token = address.isLoopbackAddress() ? "" : HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        WebView view = new WebView(session, sources, address, port, token);
        try {
            view.server.start();
        } catch (Exception e) {
            view.pusher.shutdownNow();
            throw new IOException("cannot serve the web view on " + address.getHostAddress() + ":" + port + ": "
                    + (e.getMessage() == null ? e : e.getMessage()));
        }
        view.pusher.scheduleWithFixedDelay(view::push, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return view;
    }

    /** The page's address, with the token when one is needed. */
    public String url() {
        String host = connector.getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + connector.getLocalPort() + "/" + (token.isEmpty() ? "" : "?token=" + token);
    }

    /** Event streams open now. */
    public int watchers() {
        return watchers.size();
    }

    private boolean serve(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!token.isEmpty() && !token.equals(Request.extractQueryParameters(request).getValue("token"))) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "the web view's address has a token");
            return true;
        }
        switch (path) {
            case "/" -> {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
                response.write(true, ByteBuffer.wrap(page), callback);
            }
            case "/events" -> {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                Watcher watcher = new Watcher(response, callback, new AtomicBoolean(true));
                watchers.add(watcher);
                attachFeed();
                response.write(false, ByteBuffer.wrap(": jnetlab\n\n".getBytes(StandardCharsets.UTF_8)),
                        Callback.from(() -> watcher.writing().set(false), failure -> drop(watcher, failure)));
            }
            default -> Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404, "no such page");
        }
        return true;
    }

    private void attachFeed() {
        try {
            session.stack((network, now) -> {
                feed.attach();
                return null;
            });
        } catch (CommandException | InterruptedException e) {
            // The stack is closing: nothing to watch.
        }
    }

    private void drop(Watcher watcher, Throwable failure) {
        if (watchers.remove(watcher)) {
            watcher.done().failed(failure);
        }
        if (watchers.isEmpty()) {
            try {
                session.stack((network, now) -> {
                    if (watchers.isEmpty()) {
                        feed.detach();
                    }
                    return null;
                });
            } catch (CommandException | InterruptedException e) {
                // The stack is closing: the feed goes with it.
            }
        }
    }

    /** Every period: one snapshot to every watcher, when there is one. */
    private void push() {
        if (watchers.isEmpty()) {
            return;
        }
        byte[] event;
        try {
            LiveState.Snapshot snapshot = LiveState.of(++sequence, session, feed, sources);
            event = ("data: " + json.writeValueAsString(snapshot) + "\n\n").getBytes(StandardCharsets.UTF_8);
        } catch (CommandException | IOException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (Watcher watcher : watchers) {
            if (watcher.writing().compareAndSet(false, true)) {
                watcher.response().write(false, ByteBuffer.wrap(event),
                        Callback.from(() -> watcher.writing().set(false), failure -> drop(watcher, failure)));
            }
        }
    }

    private static byte[] page() {
        try (InputStream in = WebView.class.getResourceAsStream("live.html")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        for (Watcher watcher : watchers) {
            watcher.done().succeeded();
        }
        watchers.clear();
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping: nothing more to do with a server that will not stop cleanly.
        }
        try {
            session.stack((network, now) -> {
                feed.detach();
                return null;
            });
        } catch (CommandException | InterruptedException e) {
            // The stack is gone already.
        }
    }
}
