package dev.jnetlab.commands.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.tcp.TcpCommand.Block;
import dev.jnetlab.commands.tcp.TcpCommand.Connected;
import dev.jnetlab.commands.tcp.TcpCommand.Received;
import dev.jnetlab.commands.tcp.TcpCommand.Summary;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tcp, against the simulated peer's services and sockets on the virtual network. */
class TcpCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    @Test
    void connectToThePeersEchoAndGetTheDataBack() {
        Connected connected = console.ok("tcp connect 192.168.69.100:7", Connected.class);
        assertEquals("tcp#1", connected.handle());
        assertEquals("ESTABLISHED", connected.state());
        assertEquals("192.168.69.100:7", connected.remote());
        assertTrue(connected.text().startsWith("tcp#1 connected 192.168.69.1:"), connected.text());
        assertEquals("tcp#1: queued 13 octets", console.ok("tcp send 1 'hello, echo\\r\\n'").text());
        Received received = console.ok("tcp recv tcp#1 --wait 1", Received.class);
        assertEquals("tcp#1: 13 octets: hello, echo\\r\\n", received.text());
        assertEquals("68656c6c6f2c206563686f0d0a", received.hex());
    }

    @Test
    void recvWithHexShowsADumpAndJsonHasStableFields() throws Exception {
        console.ok("tcp connect 192.168.69.100:7");
        console.ok("tcp send 1 ABC");
        Received received = console.ok("tcp recv 1 --hex --wait 1", Received.class);
        assertEquals("tcp#1: 3 octets:\n\t0x0000:  4142 43                                  ABC", received.text());
        JsonNode json = new ObjectMapper().readTree(new JsonResults().toJson(
                new dev.jnetlab.commands.Outcome.Success("tcp recv", received))).get("result");
        assertTrue(json.toString().contains("\"hex\":\"414243\""), json.toString());
        assertFalse(json.has("text"), json.toString());
        assertFalse(json.has("dump"), json.toString());
        assertEquals(List.of("handle", "length", "data", "hex", "end"), fields(json));
    }

    @Test
    void discardAcceptsAndSaysNothing() {
        console.ok("tcp connect 192.168.69.100:9");
        console.ok("tcp send 1 'anything at all'");
        console.failsWith("tcp recv 1 --wait 1", "nothing arrived on tcp#1 within 1s");
        int queued = console.stack((network, now) -> network.local().sockets().get(handle(network.local(), 1)).sendQueue());
        assertEquals(0, queued);
    }

    @Test
    void chargenSendsRotatingLines() {
        console.ok("tcp connect 192.168.69.100:19");
        Received received = console.ok("tcp recv 1 --wait 1", Received.class);
        String first = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefg";
        String second = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefgh";
        String data = new String(java.util.HexFormat.of().parseHex(received.hex()), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(data.startsWith(first + "\r\n" + second + "\r\n"), data.substring(0, 160));
        assertEquals(72, first.length());
    }

    @Test
    void httpGetAnswersWithThePageAndCloses() {
        console.ok("tcp connect 192.168.69.100:80");
        console.ok("tcp send 1 'GET / HTTP/1.0\\r\\nHost: peer\\r\\n\\r\\n'");
        console.idle(Micros.ofSeconds(1));
        Received received = console.ok("tcp recv 1", Received.class);
        String page = new String(java.util.HexFormat.of().parseHex(received.hex()), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(page.startsWith("HTTP/1.0 200 OK\r\n"), page);
        assertTrue(page.contains("<h1>Hello from jnetlab</h1>"), page);
        assertTrue(page.contains("GET / HTTP/1.0"), page);
        assertEquals("tcp#1: end of stream (the peer closed its side)", console.ok("tcp recv 1").text());
        assertEquals("CLOSE-WAIT", state(1));
    }

    @Test
    void httpAnswers404ForAnythingElse() {
        console.ok("tcp connect 192.168.69.100:80");
        console.ok("tcp send 1 'GET /nothing HTTP/1.0\\r\\n\\r\\n'");
        Received received = console.ok("tcp recv 1 --wait 1", Received.class);
        assertTrue(received.data().startsWith("HTTP/1.0 404 Not Found"), received.data());
    }

    @Test
    void listenAcceptsAndAnnouncesAConnectionFromThePeer() {
        assertEquals("tcp#1 listening on 0.0.0.0:8080", console.ok("tcp listen 8080").text());
        TcpSocket peer = peerConnect(8080);
        console.idle(Micros.ofMillis(50));
        assertEquals(TcpState.ESTABLISHED, peer.state());
        String announced = console.output().stream().filter(l -> l.contains("accepted")).findFirst().orElseThrow();
        assertEquals("tcp#2 accepted from " + peer.localEndpoint(), announced);
        assertEquals("ESTABLISHED", state(2));
        Summary summary = console.ok("tcp show", Summary.class);
        assertEquals(List.of("tcp#1 LISTEN", "tcp#2 ESTABLISHED"),
                summary.sockets().stream().map(l -> l.handle() + " " + l.state()).toList());
        assertTrue(console.ok("tcp show 1").text().contains("backlog:"));
    }

    @Test
    void aListenerWithAFullHalfOpenQueueAnswersWithCookiesAndShowsThem() {
        console.ok("tcp listen 8080 --backlog 4 --half-open 1");
        List<TcpSocket> peers = List.of(peerConnect(8080), peerConnect(8080), peerConnect(8080));
        console.idle(Micros.ofMillis(100));
        for (TcpSocket peer : peers) {
            assertEquals(TcpState.ESTABLISHED, peer.state());
        }
        assertEquals(3, console.output().stream().filter(l -> l.contains("accepted from")).count());
        String shown = console.ok("tcp show 1").text();
        assertTrue(shown.contains("backlog:      0 of 4 waiting, 0 half-open (at most 1)"), shown);
        assertTrue(shown.contains("cookies:      2 sent, 2 validated, 0 rejected"), shown);
        assertTrue(shown.contains("syncookies:   1 (when the half-open queue is full)"), shown);
        assertTrue(shown.contains("dropped:      0 SYNs (backlog full), 0 SYNs (half-open full, no cookies),\n"
                + "              0 cookie ACKs (backlog full)"), shown);
    }

    @Test
    void withSyncookiesZeroAListenerDropsTheSynsThatFindItsHalfOpenQueueFull() {
        console.ok("tcp listen 8080 --half-open 1 --syncookies 0");
        // The peer's first connection stays half-open: the SYN,ACKs to it are lost on the way out.
        console.ok("fault drop 100 out tcp and dst port 40001");
        TcpSocket first = peerConnect(8080, 40_001);
        console.idle(Micros.ofMillis(100));
        TcpSocket second = peerConnect(8080, 40_002);
        console.idle(Micros.ofMillis(100));
        assertEquals(TcpState.SYN_SENT, second.state(), "no SYN,ACK for the second");
        String shown = console.ok("tcp show 1").text();
        assertTrue(shown.contains("1 half-open (at most 1)"), shown);
        assertTrue(shown.contains("cookies:      0 sent, 0 validated, 0 rejected"), shown);
        assertTrue(shown.contains("syncookies:   0 (never)"), shown);
        assertTrue(shown.contains("1 SYNs (half-open full, no cookies)"), shown);
        assertEquals(TcpState.SYN_SENT, first.state(), "no SYN,ACK reached the first either");
    }

    @Test
    void setTcpSyncookiesIsTheDefaultOfTcpListen() {
        console.ok("set tcp.syncookies 2");
        console.ok("tcp listen 8080");
        assertTrue(console.ok("tcp show 1").text().contains("syncookies:   2 (always)"));
        assertTrue(console.fails("tcp listen 8081 --syncookies 3").message().startsWith("--syncookies: "));
    }

    @Test
    void showPrintsTheControlBlock() {
        console.ok("tcp connect 192.168.69.100:7");
        Block block = console.ok("tcp show tcp#1", Block.class);
        assertEquals("ESTABLISHED", block.controlBlock().state());
        for (String field : List.of("state:        ESTABLISHED", "ISS:", "IRS:", "SND.UNA:", "SND.NXT:", "SND.WND:",
                "SND.WL1:", "SND.WL2:", "RCV.NXT:", "RCV.WND:", "window scale:", "MSS:", "srtt", "rttvar", "rto",
                "cwnd", "ssthresh", "send queue:", "in flight", "unread", "retransmitted", "duplicate ACKs in a row",
                "timers:", "keep-alive:", "user timeout:", "settings:     cc cubic, sndbuf 64K, rcvbuf 64K, nagle on,")) {
            assertTrue(block.text().contains(field), field + " in\n" + block.text());
        }
        String settings = block.text().substring(block.text().indexOf("settings:"));
        assertTrue(settings.lines().allMatch(line -> line.length() <= 80), settings);
    }

    @Test
    void showsJsonFormHasFieldsNotText() throws Exception {
        console.ok("tcp connect 192.168.69.100:7");
        JsonNode json = json("tcp show 1");
        assertEquals("tcp#1", json.get("handle").asText());
        JsonNode block = json.get("controlBlock");
        assertEquals("ESTABLISHED", block.get("state").asText());
        assertEquals("192.168.69.100:7", block.get("remote").asText());
        assertTrue(block.get("iss").asLong() >= 0);
        assertEquals(0, block.get("duplicateAcksInARow").asInt());
        assertEquals(3 * 1460, block.get("cwnd").asInt(), "CUBIC by default: RFC 5681's initial window");
        assertEquals("off", json.get("settings").get("keepalive").asText());
        assertEquals("on", json.get("settings").get("sack").asText());
        JsonNode recovery = block.get("lossRecovery");
        for (String field : List.of("rackLosses", "lossProbes", "probesInRecovery", "secondProbes", "eifelUndos",
                "dsackUndos", "frtoUndos", "recoveryMicros")) {
            assertEquals(0, recovery.get(field).asLong(-1), field + " in " + recovery);
        }
        assertTrue(recovery.get("rack").asBoolean(), recovery::toString);
        assertFalse(json.has("details"));
        assertFalse(json.has("printed"));
    }

    @Test
    void showWithoutAHandleGivesAListenerNoRemoteEnd() throws Exception {
        console.ok("tcp listen 6969");
        assertEquals("tcp#1 LISTEN 0.0.0.0:6969  0 waiting to be accepted", console.ok("tcp show").text());
        assertTrue(json("tcp show").get("sockets").get(0).get("remote").isNull());
    }

    @Test
    void watchCountOnChargenPrintsALineASecondNotTheData() {
        console.ok("tcp connect 192.168.69.100:19");
        assertEquals("watching tcp#1 (ESTABLISHED): a count of the octets once a second",
                console.ok("tcp watch 1 --count").text());
        console.takeOutput();
        console.idle(Micros.ofMillis(3500));
        List<String> lines = console.takeOutput();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.matches("tcp#1: \\d+ octets \\(\\d+ in all\\)")), lines.toString());
        long total = Long.parseLong(lines.get(2).replaceAll(".*\\((\\d+) in all\\)", "$1"));
        assertTrue(total > 100_000, "chargen kept sending: " + total);
    }

    @Test
    void recvCountTakesTheDataAndSaysOnlyHowMuch() {
        console.ok("tcp connect 192.168.69.100:19");
        console.idle(Micros.ofMillis(100));
        TcpCommand.Received received = console.ok("tcp recv 1 --count", TcpCommand.Received.class);
        assertTrue(received.length() > 0);
        assertEquals("tcp#1: " + received.length() + " octets (taken; --count shows no data)", received.text());
        assertEquals("", received.data());
        console.failsWith("tcp recv 1 --count --hex", "give --hex or --count, not both");
    }

    @Test
    void closeGoesThroughFinWaitToTimeWaitAndIsRemovedAfterIt() {
        console.ok("tcp connect 192.168.69.100:7");
        assertEquals("tcp#1: FIN-WAIT-1", console.ok("tcp close 1").text());
        console.idle(Micros.ofMillis(10));
        assertEquals("TIME-WAIT", state(1));
        console.idle(TcpSocket.DEFAULT_TIME_WAIT + Micros.ofSeconds(1));
        assertEquals("no TCP sockets are open", console.ok("tcp show").text());
    }

    @Test
    void watchPrintsDataAndStateChanges() {
        console.ok("tcp connect 192.168.69.100:7");
        assertEquals("watching tcp#1 (ESTABLISHED)", console.ok("tcp watch 1").text());
        console.takeOutput();
        console.ok("tcp send 1 ping");
        console.idle(Micros.ofMillis(10));
        console.ok("tcp close 1");
        console.idle(Micros.ofMillis(10));
        List<String> lines = console.takeOutput();
        assertTrue(lines.contains("tcp#1: 4 octets: ping"), lines.toString());
        assertTrue(lines.contains("tcp#1: ESTABLISHED -> FIN-WAIT-1"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("-> TIME-WAIT")), lines.toString());
        assertEquals("stopped watching tcp#1", console.ok("tcp unwatch tcp#1").text());
        console.failsWith("tcp unwatch 1", "1 is not watched");
    }

    @Test
    void abortResetsThePeersConnection() {
        console.ok("tcp connect 192.168.69.100:7");
        assertEquals("tcp#1: CLOSED", console.ok("tcp abort 1").text());
        console.idle(Micros.ofMillis(10));
        assertEquals("no TCP sockets are open", console.ok("tcp show").text());
        long peerConnections = console.stack((network, now) -> network.peer().orElseThrow().sockets().summaries().stream()
                .filter(s -> s.kind().name().equals("TCP")).count());
        assertEquals(0L, peerConnections);
    }

    @Test
    void connectToAClosedPortIsRefused() {
        console.failsWith("tcp connect 192.168.69.100:5555", "cannot connect to 192.168.69.100:5555: connection refused");
        assertEquals("no TCP sockets are open", console.ok("tcp show").text());
    }

    @Test
    void connectToNobodyTimesOut() {
        console.failsWith("tcp connect 192.168.69.42:7",
                "cannot connect to 192.168.69.42:7: host unreachable: no answer to ARP for 192.168.69.42 within 20s");
        console.failsWith("tcp connect 10.9.9.9:7",
                "cannot connect to 10.9.9.9:7: timed out after 20s (no answer to the SYN)");
    }

    /**
     * A simultaneous open whose SYN,ACKs are all lost leaves the connect in SYN-RECEIVED until it
     * times out; the RST that abort() owes the peer there must leave before the socket goes.
     */
    @Test
    void aConnectThatTimesOutInSynReceivedSendsItsRstBeforeTheSocketGoes() {
        TcpSocket crossing = new TcpSocket(4096, 4096);
        console.ok("ping -c 1 192.168.69.100"); // both ends know each other's MAC
        console.ok("fault drop 100");
        long start = console.clock().now();
        java.util.concurrent.atomic.AtomicInteger resetsSent = new java.util.concurrent.atomic.AtomicInteger();
        console.stack((network, now) -> {
            // The monitor sits above the fault injector: it sees what the stack sent, lost or not.
            network.link().monitor().add((t, direction, frame, offset, length) -> {
                dev.jnetlab.stack.wire.TcpPacket tcp = new dev.jnetlab.stack.wire.TcpPacket()
                        .wrap(frame, offset + 14 + 20, length - 14 - 20);
                if (direction == dev.jnetlab.stack.phy.Direction.TX && (frame[offset + 14 + 9] & 0xFF) == 6
                        && tcp.srcPort() == 40000 && tcp.rst()) {
                    resetsSent.incrementAndGet();
                }
            });
            network.peer().orElseThrow().sockets().add(crossing);
            network.local().addService(new dev.jnetlab.host.Service() {
                private boolean peerConnected;
                private boolean linkCut;

                @Override
                public String name() {
                    return "simultaneous-open";
                }

                @Override
                public void poll(long t) {
                    if (!peerConnected && t >= start + Micros.ofMillis(500)) {
                        // Our SYN was lost; the peer's crosses it and finds us in SYN-SENT.
                        network.link().faults().setConfig(dev.jnetlab.stack.phy.FaultConfig.NONE);
                        try {
                            crossing.connect(t, new Endpoint(0xC0A84564, 5000), new Endpoint(0xC0A84501, 40000));
                        } catch (TcpException.Connect e) {
                            throw new AssertionError(e);
                        }
                        peerConnected = true;
                    } else if (peerConnected && !linkCut && network.local().sockets().summaries().stream()
                            .anyMatch(s -> s.state().equals("SYN-RECEIVED"))) {
                        network.link().faults().setConfig(dev.jnetlab.stack.phy.FaultConfig.NONE.withDropPercent(100));
                        linkCut = true;
                    }
                }

                @Override
                public long pollAt(long t) {
                    return peerConnected ? Micros.NEVER : start + Micros.ofMillis(500);
                }
            });
            return null;
        });
        console.failsWith("tcp connect 192.168.69.100:5000 --port 40000",
                "cannot connect to 192.168.69.100:5000: timed out after 20s (no answer to the SYN)");
        console.idle(Micros.ofMillis(10));
        assertEquals(1, resetsSent.get(), "the RST of the abort left");
        assertEquals("no TCP sockets are open", console.ok("tcp show").text());
    }

    @Test
    void connectWithNoRouteSaysSo() {
        console.ok("route del 0.0.0.0/0");
        console.failsWith("tcp connect 10.1.2.3:7", "cannot connect to 10.1.2.3:7: no route to 10.1.2.3");
    }

    @Test
    void sendAFileLargerThanTheBufferArrivesWhole(@TempDir Path dir) throws Exception {
        byte[] content = new byte[3 * (int) SocketOption.SNDBUF.defaultValue() + 1234];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + (i >> 8));
        }
        Path file = dir.resolve("big.bin");
        Files.write(file, content);
        console.stack((network, now) -> {
            network.peer().orElseThrow().removeService("discard", now);
            return null;
        });
        TcpSocket peer = peerListen(9);
        console.ok("tcp connect 192.168.69.100:9");
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        console.stack((network, now) -> {
            network.peer().orElseThrow().addService(new dev.jnetlab.host.Service() {
                private final byte[] buffer = new byte[4096];

                @Override
                public String name() {
                    return "sink";
                }

                @Override
                public void poll(long t) {
                    try {
                        int n;
                        while ((n = peer.recv(buffer, 0, buffer.length)) > 0) {
                            got.write(buffer, 0, n);
                        }
                    } catch (TcpException.Recv e) {
                        // end
                    }
                }
            });
            return null;
        });
        assertEquals("tcp#1: queued " + content.length + " octets", console.ok("tcp send 1 --file " + file).text());
        console.idle(Micros.ofSeconds(2));
        assertEquals(content.length, got.size());
        assertTrue(java.util.Arrays.equals(content, got.toByteArray()));
    }

    @Test
    void sendAFileToThePeersEchoComesBack(@TempDir Path dir) throws Exception {
        byte[] content = new byte[(int) SocketOption.SNDBUF.defaultValue() / 2];
        java.util.Arrays.fill(content, (byte) 'x');
        Path file = dir.resolve("half.txt");
        Files.write(file, content);
        console.ok("tcp connect 192.168.69.100:7");
        console.ok("tcp send 1 --file " + file);
        console.idle(Micros.ofSeconds(1));
        assertEquals(content.length, console.ok("tcp recv 1", Received.class).length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "tcp send 9 hi;no socket tcp#9 is open (no tcp socket is)",
        "tcp recv x;'x' is not a socket handle (a handle looks like tcp#3, or just 3)",
        "tcp close tcp#7;no socket tcp#7 is open (no tcp socket is)",
        "tcp show 4;no socket tcp#4 is open (no tcp socket is)",
        "tcp show udp#1;udp#1 is not a TCP socket (a tcp command takes tcp#N, or just N)",
        "tcp connect 192.168.69.100:0;IP:PORT: port 0 in '192.168.69.100:0' cannot be sent to (1 to 65535)",
        "tcp listen 70000;PORT: not a port: '70000' (1 to 65535)",
        "tcp listen 8080 --backlog 0;--backlog: not a number from 1 to 65535: '0'",
        "tcp listen 8080 --half-open x;--half-open: not a number from 1 to 65535: 'x'",
    })
    void badInputIsOneLine(String line, String message) {
        console.failsWith(line, message);
    }

    /** Interrupts the test's thread (which drives the virtual stack) at {@code at}, as Ctrl-C would. */
    private void interruptAt(long at) {
        console.stack((network, now) -> {
            network.peer().orElseThrow().addService(new dev.jnetlab.host.Service() {
                private boolean done;

                @Override
                public String name() {
                    return "ctrl-c";
                }

                @Override
                public void poll(long t) {
                    if (!done && t >= at) {
                        done = true;
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public long pollAt(long t) {
                    return done ? Micros.NEVER : at;
                }
            });
            return null;
        });
    }

    /** Runs {@code line}, which Ctrl-C must end. */
    private void cancelled(String line) {
        try {
            dev.jnetlab.commands.Outcome outcome = console.registry().run(
                    dev.jnetlab.commands.text.CommandLineSplitter.commands(line).get(0), console.session());
            assertTrue(outcome instanceof dev.jnetlab.commands.Outcome.Cancelled, String.valueOf(outcome));
        } catch (InterruptedException e) {
            // cancelled, as the shell sees it
        } catch (dev.jnetlab.commands.text.SyntaxException e) {
            throw new AssertionError(e);
        }
        Thread.interrupted();
    }

    @Test
    void ctrlCEndsAConnectThatWaitsAndItsSocketGoes() {
        interruptAt(console.clock().now() + Micros.ofSeconds(2));
        cancelled("tcp connect 192.168.69.42:7");
        console.idle(Micros.ofMillis(10));
        assertEquals("no TCP sockets are open", console.ok("tcp show").text());
    }

    @Test
    void ctrlCEndsASendThatWaitsForTheQueueToDrain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.bin");
        Files.write(file, new byte[4 * (int) SocketOption.SNDBUF.defaultValue()]);
        console.stack((network, now) -> {
            network.peer().orElseThrow().removeService("discard", now);
            return null;
        });
        peerListen(9); // accepts, and never reads
        console.ok("tcp connect 192.168.69.100:9");
        interruptAt(console.clock().now() + Micros.ofSeconds(5));
        cancelled("tcp send 1 --file " + file);
        assertEquals("ESTABLISHED", state(1));
        int queued = console.stack((network, now) -> network.local().sockets().get(handle(network.local(), 1)).sendQueue());
        assertTrue(queued > 0, "queued " + queued);
    }

    @Test
    void jsonFieldsAreStable() throws Exception {
        assertEquals(List.of("handle", "local"), fields(json("tcp listen 8080")));
        assertEquals(List.of("handle", "local", "remote", "state"), fields(json("tcp connect 192.168.69.100:7")));
        assertEquals(List.of("handle", "octets"), fields(json("tcp send 2 hi")));
        assertEquals(List.of("handle", "controlBlock", "settings"), fields(json("tcp show 2")));
        assertEquals(List.of("handle", "local", "waiting", "backlog", "halfOpen", "maxHalfOpen", "accepted",
                "cookiesSent", "cookiesValidated", "cookiesRejected", "synsDroppedBacklogFull", "cookieAcksDroppedBacklogFull",
                "syncookies", "synsDroppedHalfOpenFull", "settings"), fields(json("tcp show 1")));
        assertEquals(List.of("sockets"), fields(json("tcp show")));
        assertEquals(List.of("handle", "kind", "local", "remote", "state", "recvQueue", "sendQueue"),
                fields(json("tcp show").get("sockets").get(0)));
        assertEquals(List.of("handle", "state"), fields(json("tcp close 2")));
        assertEquals(List.of("name", "port", "protocols"), fields(json("serve echo 7007")));
        assertEquals(List.of("name", "host", "port", "protocols", "connections"),
                fields(json("serve").get("services").get(0)));
    }

    private JsonNode json(String line) throws Exception {
        return new ObjectMapper().readTree(new JsonResults().toJson(console.run(line))).get("result");
    }

    @Test
    void socketsListsConnectionsAndListeners() {
        console.ok("tcp listen 8080");
        console.ok("tcp connect 192.168.69.100:7");
        String table = console.ok("sockets").text();
        assertTrue(table.lines().anyMatch(l -> l.startsWith("tcp#1") && l.contains("LISTEN") && l.contains("*:8080")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("tcp#2") && l.contains("ESTABLISHED")
                && l.contains("192.168.69.100:7")), table);
    }

    @Test
    void aBareNumberInATcpCommandIsATcpHandle() {
        console.ok("udp bind 5000");
        console.failsWith("tcp send 1 hi", "no socket tcp#1 is open (no tcp socket is)");
        console.failsWith("tcp send udp#1 hi", "udp#1 is not a TCP socket (a tcp command takes tcp#N, or just N)");
        assertEquals("tcp#1", console.ok("tcp connect 192.168.69.100:7", TcpCommand.Connected.class).handle());
        assertEquals("tcp#1: queued 5 octets", console.ok("tcp send 1 hello").text());
    }

    @Test
    void recvAfterTheHandshakeWithNothingSaysSo() {
        console.ok("tcp connect 192.168.69.100:7");
        console.failsWith("tcp recv 1", "nothing has arrived on tcp#1 (--wait SEC waits for data)");
    }

    private static List<String> fields(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void quitClosesConnectionsWithAFinAndWaitsForTheHandshake() {
        console.ok("tcp connect 192.168.69.100:7");
        console.ok("tcp listen 8080");
        console.idle(Micros.ofMillis(10)); // the peer has our ACK of its SYN, and has accepted the connection
        console.stack((network, now) -> {
            network.beginClose(now);
            return null;
        });
        assertEquals("FIN-WAIT-1", state(1));
        boolean settled = console.stack((network, now) -> network.closeSettled());
        assertFalse(settled);
        console.idle(Micros.ofMillis(50));
        settled = console.stack((network, now) -> network.closeSettled());
        assertTrue(settled);
        assertEquals("TIME-WAIT", state(1));
        console.stack((network, now) -> network.finishClose(now));
        assertEquals(0, (int) console.stack((network, now) -> network.local().sockets().size()));
        assertEquals(0, (int) console.stack((network, now) -> network.peer().orElseThrow().sockets().size()));
    }

    @Test
    void ladderDrawsAConnectionFromItsSynToTheLastAckOfTheClose() {
        console.ok("tcp connect 192.168.69.100:7");
        console.ok("tcp send 1 'hello\\n'");
        console.ok("tcp recv 1 --wait 1");
        console.ok("tcp close 1");
        console.idle(Micros.ofMillis(10));
        assertEquals("TIME-WAIT", state(1));
        assertEquals("""
                    192.168.69.1:57590                                    192.168.69.100:7
                        this stack                                              peer
                      CLOSED |                                                    | LISTEN
                    0.000000 | S seq 0 win 65535                                  |
                    SYN-SENT |--------------------------------------------------->| SYN-RECEIVED
                    0.000500 |                           S. seq 0 ack 1 win 65535 |
                 ESTABLISHED |<---------------------------------------------------|
                    0.000500 | . seq 1 ack 1 win 65536                            |
                             |--------------------------------------------------->| ESTABLISHED
                    0.000500 | P. seq 1 ack 1 win 65536 len 6                     |
                             |--------------------------------------------------->|
                    0.001000 |                     P. seq 1 ack 7 win 65530 len 6 |
                             |<---------------------------------------------------|
                    0.001000 | F. seq 7 ack 7 win 65530                           |
                  FIN-WAIT-1 |--------------------------------------------------->| CLOSE-WAIT
                    0.001500 |                           F. seq 7 ack 8 win 65536 |
                   TIME-WAIT |<---------------------------------------------------| LAST-ACK
                    0.001500 | . seq 8 ack 8 win 65536                            |
                             |--------------------------------------------------->| CLOSED
                """, console.ok("tcp ladder 1").text() + "\n");
    }

    @Test
    void ladderWithAbsoluteNumbersShowsTheIsnsOnTheWire() {
        console.ok("tcp connect 192.168.69.100:7");
        TcpControlBlock block = console.stack((network, now) ->
                network.local().sockets().get(handle(network.local(), 1)).controlBlock(now));
        String diagram = console.ok("tcp ladder tcp#1 --absolute").text();
        List<String> labels = diagram.lines().filter(l -> l.contains(" seq ")).map(String::strip).toList();
        assertEquals(List.of(
                "0.000000 | S seq " + Integer.toUnsignedString(block.iss()) + " win 65535 |",
                "0.000500 | S. seq " + Integer.toUnsignedString(block.irs()) + " ack "
                        + Integer.toUnsignedString(block.iss() + 1) + " win 65535 |",
                "0.000500 | . seq " + Integer.toUnsignedString(block.iss() + 1) + " ack "
                        + Integer.toUnsignedString(block.irs() + 1) + " win 65536 |"),
                labels.stream().map(l -> l.replaceAll(" +", " ")).toList());
    }

    @Test
    void ladderOfAnAcceptedConnectionStartsWithThePeersSyn() {
        console.ok("tcp listen 8080");
        TcpSocket peer = peerConnect(8080);
        console.idle(Micros.ofMillis(50));
        int port = peer.localEndpoint().port();
        assertEquals("tcp#2 accepted from 192.168.69.100:" + port,
                console.output().stream().filter(l -> l.contains("accepted")).findFirst().orElseThrow());
        String diagram = console.ok("tcp ladder 2").text();
        assertEquals("""
                     192.168.69.1:8080                                  192.168.69.100:%d
                        this stack                                              peer
                      LISTEN |                                                    | CLOSED
                    0.000000 |                                   S seq 0 win 4096 |
                SYN-RECEIVED |<---------------------------------------------------| SYN-SENT
                    0.000000 | S. seq 0 ack 1 win 65535                           |
                             |--------------------------------------------------->| ESTABLISHED
                    0.000500 |                             . seq 1 ack 1 win 4096 |
                 ESTABLISHED |<---------------------------------------------------|
                """.formatted(port), diagram + "\n");
    }

    @Test
    void ladderJsonHasTheDiagramAndTheSegmentCount() throws Exception {
        console.ok("tcp connect 192.168.69.100:7");
        JsonNode json = json("tcp ladder 1");
        assertEquals(List.of("handle", "local", "remote", "segments", "omitted", "diagram"), fields(json));
        assertEquals(3, json.get("segments").asInt());
        assertEquals(0, json.get("omitted").asInt());
        assertEquals("192.168.69.100:7", json.get("remote").asText());
        assertEquals(console.ok("tcp ladder 1").text(), json.get("diagram").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "tcp ladder 9;no socket tcp#9 is open (open: tcp#1)",
        "tcp ladder 1;tcp#1 is not a TCP connection",
        "tcp ladder udp#1;udp#1 is not a TCP socket (a tcp command takes tcp#N, or just N)",
    })
    void ladderOfWhatIsNoConnectionIsOneLine(String line, String message) {
        console.ok("udp bind 5000");
        console.ok("tcp listen 8080");
        console.failsWith(line, message);
    }

    @Test
    void ladderOfAConnectionToThisHostItselfSaysWhyItIsEmpty() {
        console.ok("tcp listen 8080");
        console.ok("tcp connect 192.168.69.1:8080");
        console.failsWith("tcp ladder 2",
                "no segment of tcp#2 has crossed the link yet (a connection to this host itself never does)");
    }

    @Test
    void aConnectionsLadderOutlivesItsSocket() {
        console.ok("tcp connect 192.168.69.100:7");
        console.ok("tcp close 1");
        console.idle(TcpSocket.DEFAULT_TIME_WAIT + Micros.ofSeconds(1));
        assertTrue(console.ok("tcp ladder 1").text().contains("TIME-WAIT"), "drawn after the socket has gone");
        console.failsWith("tcp ladder 2", "no socket tcp#2 is open (no tcp socket is)");
        assertEquals(1, (int) console.stack((network, now) -> network.ladders().size()));
        boolean monitoring = console.stack((network, now) -> network.link().monitor().isMonitoring());
        assertFalse(monitoring, "nothing left to follow: frames pass the monitor straight through");
    }

    /** A connection from the peer (an ephemeral port) to this host's {@code port}. */
    private TcpSocket peerConnect(int port) {
        return peerConnect(port, 0);
    }

    /** The peer connects to this host's {@code port} from its port {@code from} (0: any). */
    private TcpSocket peerConnect(int port, int from) {
        TcpSocket socket = new TcpSocket(4096, 4096);
        console.stack((network, now) -> {
            Host peer = network.peer().orElseThrow();
            SocketHandle<TcpSocket> h = peer.sockets().add(socket);
            try {
                peer.iface().connect(now, peer.sockets(), h, Endpoint.parse("192.168.69.1:" + port), from);
            } catch (TcpException.Connect e) {
                throw new AssertionError(e);
            }
            return null;
        });
        return socket;
    }

    /** A socket listening on the peer's {@code port}. */
    private TcpSocket peerListen(int port) {
        TcpSocket socket = new TcpSocket(4096, 4096);
        console.stack((network, now) -> {
            network.peer().orElseThrow().sockets().add(socket);
            try {
                socket.listen(new Endpoint(0, port));
            } catch (TcpException.Connect e) {
                throw new AssertionError(e);
            }
            return null;
        });
        return socket;
    }

    private String state(int id) {
        return console.stack((network, now) -> network.local().sockets().get(handle(network.local(), id)).stateName());
    }

    @SuppressWarnings("unchecked")
    private static SocketHandle<TcpSocket> handle(Host host, int id) {
        return (SocketHandle<TcpSocket>) host.sockets().handle("tcp", id).orElseThrow();
    }
}
