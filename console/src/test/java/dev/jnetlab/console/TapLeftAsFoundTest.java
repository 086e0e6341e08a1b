package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.iface.PlainReaderUpload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * However {@code jnetlab tap0} ends, it leaves tap0 as it found it: without the offloads
 * (TUNSETOFFLOAD's CSUM and TSO4) and virtio-net header settings it asked for. Checked the way
 * the next program to use the tap would find out: a plain reader (no IFF_VNET_HDR, clearing
 * nothing itself) must get only frames a wire carries while the kernel sends it 1 MB over TCP.
 */
@RealPeer(tools = {"socat", "sh", "head"})
class TapLeftAsFoundTest {
    private static final int ONE_MB = 1 << 20;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static void assertPlainReaderGetsWireFrames(NetworkNamespace ns) {
        PlainReaderUpload.Result upload = PlainReaderUpload.run(ns, ONE_MB, PATIENCE);
        assertTrue(upload.longestFrame() <= PlainReaderUpload.WIRE_FRAME,
                "a frame of " + upload.longestFrame() + " octets: jnetlab left TSO on");
        assertEquals(ONE_MB, upload.received(), "the upload stalled: offloads were left on");
    }

    @Nested
    class WhenTheConsoleEndsItself {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "-c ends                    | 0 | -c     | iface",
                "quit                       | 0 | -c     | iface; quit; iface",
                "--script ends (as Ctrl-D)  | 0 | --script | -",
                "start fails after the open | 2 | --pcap | /no-such-dir/x.pcap"})
        void thePlainReaderAfterItGetsWireFrames(String way, int status, String option, String value,
                                                  NetworkNamespace ns) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            byte[] script = "iface\n".getBytes(StandardCharsets.US_ASCII);
            List<String> args = List.of(NetworkNamespace.TAP, option, value);
            int exit = ns.inside(() -> Main.run(args, new ByteArrayInputStream(script), print, print));

            assertEquals(status, exit, out.toString(StandardCharsets.UTF_8));
            if (status == 0) {
                assertTrue(out.toString(StandardCharsets.UTF_8).contains("offload: csum tso4 gso-rx"),
                        "the offloads were on while it ran: " + out);
            }
            assertPlainReaderGetsWireFrames(ns);
        }
    }

    @Nested
    class WhenASignalEndsTheJvm {
        /** SIGTERM from a service manager; SIGINT is Ctrl-C where no terminal takes it (piped input). */
        @ParameterizedTest(name = "SIG{0}")
        @ValueSource(strings = {"TERM", "INT"})
        void theShutdownHookRestoresTheTap(String signal, NetworkNamespace ns) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            try (PeerProcess jnetlab = ns.spawn(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), NetworkNamespace.TAP, "--script", "-")) {
                jnetlab.stdin().write("iface\n".getBytes(StandardCharsets.US_ASCII));
                jnetlab.stdin().flush();
                awaitOutput(jnetlab, "offload: csum tso4 gso-rx");

                ns.exec("sh", "-c", "kill -" + signal + " " + jnetlab.pid()).assertSuccess();
                PeerResult ended = jnetlab.await(PATIENCE);
                assertEquals(128 + (signal.equals("TERM") ? 15 : 2), ended.exitCode(), ended.stderr());
            }
            assertPlainReaderGetsWireFrames(ns);
        }

        /** SIGKILL runs nothing; the README's remedy, any run of jnetlab on the tap, then restores it. */
        @org.junit.jupiter.api.Test
        void afterASigkillAnyRunOfJnetlabClearsWhatItLeft(NetworkNamespace ns) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            try (PeerProcess jnetlab = ns.spawn(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), NetworkNamespace.TAP, "--script", "-")) {
                jnetlab.stdin().write("iface\n".getBytes(StandardCharsets.US_ASCII));
                jnetlab.stdin().flush();
                awaitOutput(jnetlab, "offload: csum tso4 gso-rx");
                ns.exec("sh", "-c", "kill -KILL " + jnetlab.pid()).assertSuccess();
                assertEquals(128 + 9, jnetlab.await(PATIENCE).exitCode());
            }
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            assertEquals(0, (int) ns.inside(() -> Main.run(List.of(NetworkNamespace.TAP, "-c", "quit"),
                    new ByteArrayInputStream(new byte[0]), quiet, quiet)));

            assertPlainReaderGetsWireFrames(ns);
        }

        private static void awaitOutput(PeerProcess process, String text) throws InterruptedException, IOException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!process.stdout().contains(text)) {
                if (System.nanoTime() > end || !process.isAlive()) {
                    throw new AssertionError("jnetlab did not start: " + process.stdout() + process.stderr());
                }
                Thread.sleep(50);
            }
        }
    }
}
