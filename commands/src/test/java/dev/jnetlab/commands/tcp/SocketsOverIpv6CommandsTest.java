package dev.jnetlab.commands.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.tcp.TcpCommand.Block;
import dev.jnetlab.commands.tcp.TcpCommand.Connected;
import dev.jnetlab.commands.tcp.TcpCommand.Received;
import dev.jnetlab.commands.tcp.TcpCommand.Summary;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.commands.udp.SocketsCommand.Sockets;
import dev.jnetlab.commands.udp.UdpCommand;
import dev.jnetlab.host.Host;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TCP and UDP to and from IPv6 endpoints from the console, on the virtual network whose peer
 * has fd00::100 and advertises fd00::/64: {@code tcp connect [fd00::100]:7} with nothing set up
 * (IPv6 comes up and SLAAC gives the address, as for ping), endpoints printed as
 * {@code [addr]:port} in every listing and in JSON, one line for each bad form, and the host's
 * own services answering the peer over IPv6.
 */
class SocketsOverIpv6CommandsTest {
    private final VirtualConsole console = new VirtualConsole();

    @Test
    void connectToThePeersEchoOverIpv6AndGetTheDataBack() {
        Connected connected = console.ok("tcp connect [fd00::100]:7", Connected.class);
        assertEquals("ESTABLISHED", connected.state());
        assertEquals("[fd00::100]:7", connected.remote());
        assertTrue(connected.text().startsWith("tcp#1 connected [fd00::ff:fe00:1]:"), connected.text());
        console.ok("tcp send 1 'hello over six\\r\\n'");
        Received received = console.ok("tcp recv 1 --wait 1", Received.class);
        assertEquals("tcp#1: 16 octets: hello over six\\r\\n", received.text());
    }

    @Test
    void theLadderAndPlotOfAConnectionOverIpv6MarkALostSegmentAndItsRetransmission(@TempDir Path dir) throws Exception {
        console.ok("tcp connect [fd00::100]:9");
        console.ok("fault drop 100");
        console.ok("tcp send 1 lost-on-the-way");
        console.ok("sleep 0.1");
        console.ok("fault off");
        console.ok("sleep 3");
        String ladder = console.ok("tcp ladder 1").text();
        assertTrue(ladder.lines().findFirst().orElseThrow().strip().startsWith("[fd00::ff:fe00:1]:"), ladder);
        assertTrue(ladder.lines().findFirst().orElseThrow().endsWith("[fd00::100]:9"), ladder);
        assertTrue(ladder.contains("lost X"), ladder);
        assertTrue(ladder.contains("retransmission"), ladder);

        Path svg = dir.resolve("ladder.svg");
        console.ok("tcp ladder 1 --svg " + svg);
        String drawn = Files.readString(svg);
        assertTrue(drawn.contains("[fd00::100]:9"), drawn);
        assertTrue(drawn.contains("lost"), drawn);
        String plot = console.ok("tcp plot 1 --ascii").text();
        assertTrue(plot.lines().anyMatch(line -> line.contains("-R-")), "the retransmission plotted: " + plot);
    }

    @Test
    void theListingsAndTheControlBlockPrintIpv6EndpointsInBrackets() throws Exception {
        console.ok("tcp connect [fd00::100]:19");
        Summary summary = console.ok("tcp show", Summary.class);
        assertEquals("[fd00::100]:19", summary.sockets().get(0).remote());
        assertTrue(summary.text().contains("[fd00::100]:19"), summary.text());
        Block block = console.ok("tcp show 1", Block.class);
        assertTrue(block.text().contains("[fd00::100]:19"), block.text());
        assertTrue(block.text().contains("receive 1440"), "MSS = MTU - 60: " + block.text());
        Sockets sockets = console.ok("sockets", Sockets.class);
        assertTrue(sockets.text().contains("[fd00::100]:19"), sockets.text());

        JsonNode json = json("tcp show", summary);
        assertEquals("[fd00::100]:19", json.get("sockets").get(0).get("remote").asText(), json.toString());
    }

    @Test
    void udpToThePeersEchoOverIpv6AndTheAnswerSaysWhereItCameFrom() throws Exception {
        console.ok("udp bind 0");
        UdpCommand.Sent sent = console.ok("udp send 1 [fd00::100]:7 hello", UdpCommand.Sent.class);
        assertEquals("[fd00::100]:7", sent.to());
        UdpCommand.Received received = console.ok("udp recv 1 --wait 1", UdpCommand.Received.class);
        assertEquals("[fd00::100]:7", received.from());
        assertTrue(received.to().startsWith("[fd00::ff:fe00:1]:"), received.to());
        assertEquals("hello", received.data());
        assertEquals("[fd00::100]:7", json("udp recv", received).get("from").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tcp connect fd00::100:7|IP:PORT: not an endpoint: 'fd00::100:7' (an IPv6 address goes in brackets before the port, like [fd00::100]:7)",
        "tcp connect [fd00::100]7|IP:PORT: not an endpoint: '[fd00::100]7' (an IPv6 address in brackets, a colon and a port, like [fd00::100]:7)",
        "tcp connect [fd00::100|IP:PORT: not an endpoint: '[fd00::100' (an IPv6 address in brackets, a colon and a port, like [fd00::100]:7)",
        "tcp connect [fd00::100]:70000|IP:PORT: not a port: 70000 (0 to 65535)",
        "tcp connect [fd00::100]:0|IP:PORT: port 0 in '[fd00::100]:0' cannot be sent to (1 to 65535)",
        "tcp connect [::]:7|IP:PORT: :: in '[::]:7' cannot be sent to",
        "tcp connect [192.168.69.100]:7|IP:PORT: not an endpoint: '[192.168.69.100]:7' (brackets hold an IPv6 address; an IPv4 endpoint is written 192.168.69.100:7)",
        "tcp connect [fd00:::1]:7|IP:PORT: not an IPv6 address: 'fd00:::1' (hex groups separated by colons, like fd00::1 or fe80::ff:fe00:1)",
        "udp send 1 fd00::100:7 hi|IP:PORT: not an endpoint: 'fd00::100:7' (an IPv6 address goes in brackets before the port, like [fd00::100]:7)",
    })
    void aBadEndpointGetsOneLine(String line, String message) {
        console.ok("udp bind 0");
        console.failsWith(line, message);
    }

    @Test
    void aSynBeyondTheAdvertisedRouterThatNobodyAnswersTimesOut() {
        console.failsWith("tcp connect [2001:db8::1]:7",
                "cannot connect to [2001:db8::1]:7: timed out after 20s (no answer to the SYN)");
    }

    @Test
    void theHostsHttpServiceAnswersThePeerOverIpv6() throws Exception {
        console.ok("ip add fd00::1/64");
        console.ok("serve http");
        console.idle(Micros.ofSeconds(2));
        SocketHandle<TcpSocket> handle = console.stack((network, now) -> {
            Host peer = network.peer().orElseThrow();
            SocketHandle<TcpSocket> h = peer.sockets().add(new TcpSocket(65536, 65536));
            try {
                peer.iface().connect(now, peer.sockets(), h, new IpEndpoint(Ipv6Address.parse("fd00::1"), 80), 0);
            } catch (TcpException.Connect e) {
                throw new AssertionError(e);
            }
            return h;
        });
        console.idle(Micros.ofMillis(100));
        int sent = console.stack((network, now) -> {
            TcpSocket socket = network.peer().orElseThrow().sockets().get(handle);
            assertEquals(TcpState.ESTABLISHED, socket.state());
            byte[] request = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            try {
                return socket.send(request, 0, request.length);
            } catch (TcpException.Send e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(18, sent);
        console.idle(Micros.ofMillis(100));
        String answer = console.stack((network, now) -> {
            TcpSocket socket = network.peer().orElseThrow().sockets().get(handle);
            byte[] got = new byte[8192];
            try {
                return new String(got, 0, socket.recv(got, 0, got.length), StandardCharsets.US_ASCII);
            } catch (TcpException.Recv e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(answer.startsWith("HTTP/1.0 200 OK"), answer);
        assertTrue(answer.contains("from [fd00::100]:"), "the page names the client's endpoint: " + answer);
    }

    /** The peer sends {@code text} from a socket of its own on port 6000 to {@code to}. */
    private void peerSendsTo(String to, String text) {
        console.stack((network, now) -> {
            Host peer = network.peer().orElseThrow();
            UdpSocket socket = new UdpSocket(4, 1024, 4, 1024);
            peer.sockets().add(socket);
            byte[] data = text.getBytes(StandardCharsets.US_ASCII);
            try {
                socket.bind(6000);
                socket.sendTo(IpEndpoint.parse(to), data, 0, data.length);
            } catch (SocketException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        console.idle(Micros.ofMillis(100));
        console.stack((network, now) -> {
            Host peer = network.peer().orElseThrow();
            for (SocketHandle<?> h : peer.sockets().handles()) {
                if (peer.sockets().get(h) instanceof UdpSocket u && u.localPort() == 6000) {
                    peer.sockets().remove(h);
                    return null;
                }
            }
            return null;
        });
    }

    /** The peer's TCP state after it tried to connect to {@code to} (ESTABLISHED, or CLOSED when reset). */
    private TcpState peerConnects(String to) {
        SocketHandle<TcpSocket> handle = console.stack((network, now) -> {
            Host peer = network.peer().orElseThrow();
            SocketHandle<TcpSocket> h = peer.sockets().add(new TcpSocket(4096, 4096));
            try {
                peer.iface().connect(now, peer.sockets(), h, IpEndpoint.parse(to), 0);
            } catch (TcpException.Connect e) {
                throw new AssertionError(e);
            }
            return h;
        });
        console.idle(Micros.ofMillis(100));
        return console.stack((network, now) -> network.peer().orElseThrow().sockets().get(handle).state());
    }

    @Test
    void aUdpSocketBoundToOneIpv6AddressTakesOnlyTheDatagramsToThatAddress() {
        console.ok("ip add fd00::1/64");
        console.idle(Micros.ofSeconds(2));
        UdpCommand.Bound bound = console.ok("udp bind [fd00::1]:5000", UdpCommand.Bound.class);
        assertEquals("[fd00::1]:5000", bound.local());
        peerSendsTo("[fd00::ff:fe00:1]:5000", "to-the-other-address");
        peerSendsTo("[fd00::1]:5000", "to-its-address");
        UdpCommand.Received received = console.ok("udp recv 1 --wait 1", UdpCommand.Received.class);
        assertEquals("to-its-address", received.data());
        assertEquals("[fd00::1]:5000", received.to());
        assertEquals(0, (int) console.stack((network, now) -> ((UdpSocket) network.local().sockets()
                .get(network.local().sockets().handle("udp", 1).orElseThrow())).recvQueue()), "nothing else came");
    }

    @Test
    void aUdpSocketOnEveryAddressTakesDatagramsToEachOfThem() {
        console.ok("ip add fd00::1/64");
        console.idle(Micros.ofSeconds(2));
        assertEquals("0.0.0.0:5000", console.ok("udp bind 5000", UdpCommand.Bound.class).local());
        peerSendsTo("[fd00::ff:fe00:1]:5000", "one");
        peerSendsTo("[fd00::1]:5000", "two");
        assertEquals("[fd00::ff:fe00:1]:5000", console.ok("udp recv 1 --wait 1", UdpCommand.Received.class).to());
        assertEquals("[fd00::1]:5000", console.ok("udp recv 1 --wait 1", UdpCommand.Received.class).to());
    }

    @Test
    void aUdpSocketBoundToAnIpv6AddressSendsFromItAndOverIpv6Only() {
        console.ok("ip add fd00::1/64");
        console.idle(Micros.ofSeconds(2));
        console.ok("udp bind [fd00::1]:5000");
        console.ok("udp send 1 [fd00::100]:7 echo-me");
        UdpCommand.Received received = console.ok("udp recv 1 --wait 1", UdpCommand.Received.class);
        assertEquals("[fd00::100]:7", received.from());
        assertEquals("echo-me", received.data());
        console.failsWith("udp send 1 192.168.69.100:7 hi", "udp#1: the socket is bound to the IPv6 address fd00::1:"
                + " to send to 192.168.69.100 bind it to every address");
    }

    @Test
    void aListenerOnOneIpv6AddressAcceptsConnectionsToItAndResetsThoseToAnotherAddress() {
        console.ok("ip add fd00::1/64");
        console.idle(Micros.ofSeconds(2));
        assertEquals("[fd00::1]:8080", console.ok("tcp listen [fd00::1]:8080", TcpCommand.Listening.class).local());
        assertTrue(console.ok("tcp show 1").text().contains("[fd00::1]:8080"), "the listener's own address");
        assertEquals(TcpState.CLOSED, peerConnects("[fd00::ff:fe00:1]:8080"), "reset: no listener there");
        assertEquals(TcpState.CLOSED, peerConnects("192.168.69.1:8080"), "nor over IPv4");
        assertEquals(TcpState.ESTABLISHED, peerConnects("[fd00::1]:8080"));
        assertTrue(console.output().stream().anyMatch(l -> l.startsWith("tcp#2 accepted from [fd00::100]:")),
                console.output().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tcp listen [fd00::7]:8080|PORT: fd00::7 is not an address of this host (iface lists them)",
        "udp bind [fd00::7]:5000|PORT: fd00::7 is not an address of this host (iface lists them)",
        "udp bind [ff02::1]:5000|PORT: ff02::1 is not an address of this host (iface lists them)",
        "tcp listen [fd00::1]:0|PORT: not a port: '0' (1 to 65535)",
        "tcp listen fd00::1:8080|PORT: not an endpoint: 'fd00::1:8080' (an IPv6 address goes in brackets before the port, like [fd00::100]:7)",
    })
    void aBadLocalEndpointGetsOneLine(String line, String message) {
        console.ok("ip add fd00::1/64");
        console.idle(Micros.ofSeconds(2));
        console.failsWith(line, message);
    }

    @Test
    void aListenerOnEveryAddressAndOneOnAnAddressCannotShareAPort() {
        console.ok("ip add fd00::1/64");
        console.idle(Micros.ofSeconds(2));
        console.ok("tcp listen [fd00::1]:8080");
        console.failsWith("tcp listen 8080", "PORT: TCP port 8080 is in use on this host by tcp#1");
        console.ok("udp bind [fd00::1]:5000");
        console.failsWith("udp bind 5000", "PORT: UDP port 5000 is in use (bound to [fd00::1]:5000)");
    }

    private static JsonNode json(String command, dev.jnetlab.commands.CommandResult result) throws Exception {
        return new ObjectMapper().readTree(new JsonResults().toJson(new Outcome.Success(command, result))).get("result");
    }
}
