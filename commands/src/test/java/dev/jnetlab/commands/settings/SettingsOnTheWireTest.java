package dev.jnetlab.commands.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Network;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Packet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each option changes what goes on the wire: the same exchange on the virtual network's clock
 * with the option at its default and changed, read from the tracer's lines (as tcpdump prints
 * them, with the time since the start) and from the IP headers of the frames this host sent.
 */
class SettingsOnTheWireTest {
    private final VirtualConsole console = new VirtualConsole();
    /** The IPv4 packets this host sent, whole. */
    private final List<byte[]> sent = new ArrayList<>();

    SettingsOnTheWireTest() {
        console.stack((network, now) -> {
            network.link().monitor().add((at, direction, frame, offset, length) -> {
                if (direction == Direction.TX && length > 14 && frame[offset + 12] == 0x08 && frame[offset + 13] == 0) {
                    byte[] ip = new byte[length - 14];
                    System.arraycopy(frame, offset + 14, ip, 0, ip.length);
                    sent.add(ip);
                }
            });
            return null;
        });
    }

    /** The trace lines of the frames this host sent that contain {@code text}. */
    private List<String> tx(String text) {
        return console.output().stream().filter(l -> l.contains(" tx: ") && l.contains(text)).toList();
    }

    private List<String> rx(String text) {
        return console.output().stream().filter(l -> l.contains(" rx: ") && l.contains(text)).toList();
    }

    /** The time a trace line starts with ({@code 00:00:01.000500}), in microseconds. */
    private static long at(String line) {
        String[] hms = line.substring(0, line.indexOf(' ')).split(":");
        double seconds = Double.parseDouble(hms[2]);
        return Micros.ofSeconds(Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60) + Math.round(seconds * 1e6);
    }

    private String firstSyn() {
        return tx("Flags [S]").get(0);
    }

    @Nested
    class OfferedInTheSyn {
        @Test
        void sackOffRemovesSackPermitted() {
            console.ok("trace on tcp; tcp connect 192.168.69.100:7");
            assertTrue(firstSyn().contains("sackOK"), firstSyn());
            console.ok("set tcp.sack off; tcp connect 192.168.69.100:9");
            String syn = tx("Flags [S]").get(1);
            assertFalse(syn.contains("sackOK"), syn);
            assertTrue(syn.contains("TS val"), syn);
        }

        @Test
        void timestampsOffRemovesTheTimestampsOption() {
            console.ok("set tcp.timestamps off; trace on tcp; tcp connect 192.168.69.100:7");
            assertFalse(firstSyn().contains("TS val"), firstSyn());
            assertTrue(firstSyn().contains("sackOK"), firstSyn());
        }

        @Test
        void wscaleOffRemovesWindowScaling() {
            console.ok("set tcp.wscale off; trace on tcp; tcp connect 192.168.69.100:7");
            assertFalse(firstSyn().contains("wscale"), firstSyn());
        }

        @Test
        void theMssClampIsAnnouncedAndNoSegmentIsLarger() {
            console.ok("set tcp.mss 536; trace on tcp; tcp connect 192.168.69.100:9");
            assertTrue(firstSyn().contains("mss 536"), firstSyn());
            console.ok("tcp send 1 " + "x".repeat(2000));
            console.idle(Micros.ofMillis(100));
            List<Integer> lengths = dataLengths();
            assertEquals(2000, lengths.stream().mapToInt(Integer::intValue).sum());
            assertTrue(lengths.stream().allMatch(n -> n <= 536 - 12), lengths.toString());
        }

        @Test
        void theReceiveBufferIsTheWindowOffered() {
            console.ok("set tcp.buffer 4K; trace on tcp; tcp connect 192.168.69.100:7");
            assertTrue(firstSyn().contains("win 4096"), firstSyn());
        }

        @Test
        void aListenersConnectionsTakeItsSettings() {
            console.ok("tcp listen 8080; tcp set 1 sack off; trace on tcp");
            TcpSocket peer = peerConnect(8080);
            assertEquals(TcpState.ESTABLISHED, peer.state());
            String synAck = tx("Flags [S.]").get(0);
            assertFalse(synAck.contains("sackOK"), synAck);
            assertTrue(rx("Flags [S]").get(0).contains("sackOK"), "the peer offered it");
            assertTrue(console.ok("tcp show 2").text().contains("sack off"));
        }
    }

    @Nested
    class Sending {
        @Test
        void nagleOffSendsASmallSegmentWhileAnotherIsUnacknowledged() {
            console.ok("trace on tcp; tcp connect 192.168.69.100:9; tcp send 1 a; tcp send 1 b");
            console.idle(Micros.ofMillis(100));
            List<String> on = tx("length 1");
            assertEquals(2, on.size(), on.toString());
            assertTrue(at(on.get(1)) > at(on.get(0)), "with Nagle the second waits for an ACK: " + on);

            console.ok("tcp connect 192.168.69.100:9; tcp set 2 nagle off; tcp send 2 a; tcp send 2 b");
            console.idle(Micros.ofMillis(100));
            List<String> off = tx("length 1").subList(2, 4);
            assertEquals(at(off.get(0)), at(off.get(1)), "without Nagle both go at once: " + off);
            assertTrue(console.ok("tcp show 2").text().contains("Nagle off"));
        }

        @Test
        void congestionControlLimitsTheFirstFlightToTheInitialWindow() {
            assertTrue(firstFlight("set tcp.cc none") > 3, "without congestion control the window is the peer's");
            assertEquals(3, firstFlight("set tcp.cc reno"), "RFC 5681's initial window: 3 segments of this MSS");
            assertEquals(3, firstFlight(""), "CUBIC by default, with the same initial window");
        }

        @Test
        void theInitialWindowSetsTheFirstFlight() {
            assertEquals(6, firstFlight("set tcp.cc reno; set tcp.initial-window 6"));
            assertEquals(1, firstFlight("set tcp.cc cubic; set tcp.initial-window 1"));
            assertEquals(3, firstFlight("set tcp.cc reno; set tcp.initial-window auto"), "auto is RFC 5681's");
        }

        /** Segments of data sent before the first ACK of data came back. */
        private long firstFlight(String setting) {
            VirtualConsole c = new VirtualConsole();
            if (!setting.isEmpty()) {
                c.ok(setting);
            }
            c.ok("trace on tcp; tcp connect 192.168.69.100:9");
            c.ok("tcp send 1 " + "x".repeat(8 * 1400));
            c.idle(Micros.ofMillis(100));
            List<String> lines = c.output();
            long firstAck = lines.stream().filter(l -> l.contains(" rx: ") && l.contains("Flags [.]"))
                    .mapToLong(SettingsOnTheWireTest::at).min().orElseThrow();
            return lines.stream().filter(l -> l.contains(" tx: ") && !l.contains("length 0") && at(l) < firstAck).count();
        }

        @Test
        void theSendBufferBoundsWhatIsInFlight() {
            console.ok("set tcp.sndbuf 1000; trace on tcp; tcp connect 192.168.69.100:9");
            console.ok("tcp send 1 " + "y".repeat(3000));
            console.idle(Micros.ofMillis(100));
            List<Integer> lengths = dataLengths();
            assertEquals(3000, lengths.stream().mapToInt(Integer::intValue).sum());
            assertEquals(1000, lengths.stream().mapToInt(Integer::intValue).max().orElseThrow(), lengths.toString());
        }
    }

    /** The payload lengths of the segments with data this host sent. */
    private List<Integer> dataLengths() {
        return tx("Flags [").stream().map(l -> Integer.parseInt(l.substring(l.lastIndexOf("length ") + 7).strip()))
                .filter(n -> n > 0).toList();
    }

    @Nested
    class Timers {
        @Test
        void theRtoFloorSetsTheFirstRetransmission() {
            // Without RACK-TLP, whose probe would come first, the first retransmission is the RTO's.
            assertEquals(Micros.ofMillis(200), firstRetransmissionAfter("set tcp.rack off"), "Linux's floor by default");
            assertEquals(Micros.ofSeconds(1), firstRetransmissionAfter("set tcp.rack off; set tcp.rto-min 1s"),
                    "RFC 6298 §2.4's");
        }

        @Test
        void rackOnSendsATailLossProbeBeforeTheRto() {
            long probe = firstRetransmissionAfter("");
            assertTrue(probe < Micros.ofMillis(300), "a tail loss probe at 2 SRTT + 200 ms, not the RTO: " + probe);
        }

        private long firstRetransmissionAfter(String setting) {
            VirtualConsole c = new VirtualConsole();
            if (!setting.isEmpty()) {
                c.ok(setting);
            }
            c.ok("tcp connect 192.168.69.100:9; trace on tcp; fault drop 100; tcp send 1 lost");
            c.idle(Micros.ofSeconds(3));
            List<String> sends = c.output().stream().filter(l -> l.contains(" tx: ") && l.contains("length 4")).toList();
            return at(sends.get(1)) - at(sends.get(0));
        }

        @Test
        void theRtoCeilingBoundsTheBackoff() {
            VirtualConsole c = new VirtualConsole();
            c.ok("set tcp.rack off; set tcp.rto-max 500ms; tcp connect 192.168.69.100:9; trace on tcp; fault drop 100; "
                    + "tcp send 1 lost");
            c.idle(Micros.ofSeconds(10));
            List<Long> times = c.output().stream().filter(l -> l.contains(" tx: ") && l.contains("length 4"))
                    .map(SettingsOnTheWireTest::at).toList();
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < 5; i++) {
                gaps.add(times.get(i) - times.get(i - 1));
            }
            assertEquals(List.of(Micros.ofMillis(200), Micros.ofMillis(400), Micros.ofMillis(500), Micros.ofMillis(500)),
                    gaps);
        }

        @Test
        void delayedAcksWaitTheirTimeoutAndOffAcksAtOnce() {
            assertEquals(TcpSocket.DEFAULT_ACK_DELAY, ackDelayAfter(""));
            assertEquals(Micros.ofMillis(100), ackDelayAfter("set tcp.delack-timeout 100ms"));
            assertEquals(0, ackDelayAfter("set tcp.delack off"));
        }

        /** How long after the echo's answer this host acknowledged it. */
        private long ackDelayAfter(String setting) {
            VirtualConsole c = new VirtualConsole();
            if (!setting.isEmpty()) {
                c.ok(setting);
            }
            c.ok("tcp connect 192.168.69.100:7; trace on tcp; tcp send 1 hi");
            c.idle(Micros.ofSeconds(1));
            List<String> lines = c.output();
            String answer = lines.stream().filter(l -> l.contains(" rx: ") && l.contains("length 2")).findFirst()
                    .orElseThrow();
            String ack = lines.stream().filter(l -> l.contains(" tx: ") && l.contains("Flags [.]") && at(l) >= at(answer))
                    .findFirst().orElseThrow();
            return at(ack) - at(answer);
        }

        @Test
        void keepAliveProbesAnIdleConnection() {
            console.ok("set tcp.keepalive 5s; tcp connect 192.168.69.100:9; trace on tcp");
            console.idle(Micros.ofMillis(4900));
            assertEquals(List.of(), tx("Flags [.]"));
            console.idle(Micros.ofMillis(200));
            assertEquals(1, tx("Flags [.]").size(), console.output().toString());
        }

        @Test
        void unansweredKeepAlivesComeEveryIntervalAndTheCountEndsTheConnection() {
            List<Long> probes = unansweredProbes("set tcp.keepalive-idle 5s; set tcp.keepalive-interval 1s; "
                    + "set tcp.keepalive-count 3");
            assertEquals(List.of(Micros.ofSeconds(5), Micros.ofSeconds(6), Micros.ofSeconds(7)), probes.subList(0, 3));
            assertEquals(Micros.ofSeconds(8), probes.get(3), "the fourth is the RST after three unanswered probes");
            assertEquals(List.of(Micros.ofSeconds(5), Micros.ofSeconds(7), Micros.ofSeconds(9)),
                    unansweredProbes("set tcp.keepalive 5s; set tcp.keepalive-interval 2s; set tcp.keepalive-count 2"),
                    "two probes two seconds apart, then the RST");
        }

        @Test
        void theDefaultIntervalIsLinuxs75Seconds() {
            assertEquals(List.of(Micros.ofSeconds(5), Micros.ofSeconds(80), Micros.ofSeconds(155)),
                    unansweredProbes("set tcp.keepalive 5s; set tcp.keepalive-count 2"));
        }

        /**
         * When, after the connection was quiet, this host sent each keep-alive probe and the RST
         * that ends the connection, with every TCP answer from the peer lost (ARP goes on working).
         */
        private List<Long> unansweredProbes(String settings) {
            VirtualConsole c = new VirtualConsole();
            c.ok(settings + "; tcp connect 192.168.69.100:9; trace on tcp; fault drop 100 in tcp");
            long start = c.clock().now();
            c.idle(Micros.ofSeconds(200));
            List<Long> times = c.output().stream().filter(l -> l.contains(" tx: ") && l.contains("Flags ["))
                    .map(SettingsOnTheWireTest::at).map(t -> t - start).toList();
            assertTrue(c.output().stream().anyMatch(l -> l.contains(" tx: ") && l.contains("Flags [R")), c.output().toString());
            return times;
        }

        @Test
        void theUserTimeoutEndsAConnectionWhoseDataGoesUnacknowledged() {
            console.ok("set tcp.user-timeout 3s; tcp connect 192.168.69.100:9; fault drop 100; tcp send 1 lost");
            console.idle(Micros.ofMillis(2900));
            assertEquals("ESTABLISHED", state(1));
            console.idle(Micros.ofMillis(200));
            assertEquals("CLOSED", state(1));
        }

        @Test
        void timeWaitLastsWhatItIsSetTo() {
            console.ok("set tcp.time-wait 2s; tcp connect 192.168.69.100:7; tcp close 1");
            console.idle(Micros.ofMillis(1900));
            assertEquals("TIME-WAIT", state(1));
            console.idle(Micros.ofMillis(200));
            assertEquals("no TCP sockets are open", console.ok("tcp show").text());
        }
    }

    @Nested
    class Datagrams {
        @Test
        void udpTtlAndDontFragment() {
            console.ok("set udp.ttl 3; set udp.df on; udp bind 0; udp send 1 192.168.69.100:7 hi");
            console.idle(Micros.ofMillis(10));
            Ipv4Packet ip = lastSent(17);
            assertEquals(3, ip.ttl());
            assertTrue(ip.dontFragment());
            console.ok("udp set 1 ttl 9; udp set 1 df off; udp send 1 192.168.69.100:7 hi");
            console.idle(Micros.ofMillis(10));
            assertEquals(9, lastSent(17).ttl());
            assertFalse(lastSent(17).dontFragment());
        }

        @Test
        void aBufferSetOnAnOpenSocketBoundsWhatItSendsAndReceives() {
            String big = "z".repeat(1500);
            console.ok("udp bind 0; udp send 1 192.168.69.100:7 " + big);
            console.idle(Micros.ofMillis(10));
            assertTrue(console.ok("udp recv 1").text().contains(big), "the echo came back whole");
            assertEquals(1200, octetsQueuedAfterTwoEchoesOf600(), "64K holds both echoes");
            console.ok("udp recv 1; udp recv 1; udp set 1 buffer 1K");
            assertTrue(console.fails("udp send 1 192.168.69.100:7 " + big).message()
                    .contains("larger than the send buffer (1024 octets)"));
            assertEquals(600, octetsQueuedAfterTwoEchoesOf600(), "1K holds one: the second echo is dropped");
            assertEquals(1L, (long) console.<Long>stack((network, now) -> firstUdp(network).recvDropped()));
        }

        /** Sends two datagrams of 600 octets to the echo service, one at a time, and says what the receive queue holds. */
        private int octetsQueuedAfterTwoEchoesOf600() {
            for (int i = 0; i < 2; i++) {
                console.ok("udp send 1 192.168.69.100:7 " + "e".repeat(600));
                console.idle(Micros.ofMillis(10));
            }
            return console.stack((network, now) -> firstUdp(network).recvQueue());
        }

        private static UdpSocket firstUdp(Network network) {
            return (UdpSocket) network.local().sockets().get(network.local().sockets().handle("udp", 1).orElseThrow());
        }

        @Test
        void icmpTtlIsPingsTtl() {
            console.ok("set icmp.ttl 1; ping -c 1 -W 1 192.168.69.100");
            assertEquals(1, lastSent(1).ttl());
        }

        private Ipv4Packet lastSent(int protocol) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                Ipv4Packet ip = new Ipv4Packet().wrap(sent.get(i), 0, sent.get(i).length);
                if (ip.protocolValue() == protocol) {
                    return ip;
                }
            }
            throw new AssertionError("no IP protocol " + protocol + " sent");
        }
    }

    private String state(int id) {
        return console.stack((network, now) -> network.local().sockets().get(network.local().sockets()
                .handle("tcp", id).orElseThrow()).stateName());
    }

    private TcpSocket peerConnect(int port) {
        TcpSocket socket = new TcpSocket(4096, 4096);
        console.stack((network, now) -> {
            Host peer = network.peer().orElseThrow();
            SocketHandle<TcpSocket> h = peer.sockets().add(socket);
            try {
                peer.iface().connect(now, peer.sockets(), h, Endpoint.parse("192.168.69.1:" + port), 0);
            } catch (TcpException.Connect e) {
                throw new AssertionError(e);
            }
            return null;
        });
        console.idle(Micros.ofMillis(20));
        return socket;
    }
}
