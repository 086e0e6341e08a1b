package dev.jnetlab.commands.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.commands.udp.SocketsCommand.SocketLine;
import dev.jnetlab.commands.udp.SocketsCommand.Sockets;
import dev.jnetlab.commands.udp.UdpCommand.Bound;
import dev.jnetlab.commands.udp.UdpCommand.Received;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Service;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpDatagram;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.Micros;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** udp and sockets, between this host and sockets and services on the simulated peer. */
class UdpCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    /** A socket on the peer, bound to {@code port}. */
    private UdpSocket peerSocket(int port) {
        UdpSocket socket = new UdpSocket();
        console.stack((network, now) -> {
            stopPeerServices(network.peer().orElseThrow(), now);
            network.peer().orElseThrow().sockets().add(socket);
            try {
                socket.bind(port);
            } catch (SocketException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        return socket;
    }

    /** Stops the peer's standard services (echo on 7, discard on 9 ...), so that tests can take their ports. */
    private static void stopPeerServices(Host peer, long now) {
        for (Service service : peer.services()) {
            peer.removeService(service.name(), now);
        }
    }

    /** The echo service of RFC 862 over UDP, as a service on a host: the shape of what {@code serve} will add. */
    private static final class UdpEcho implements Service {
        private final Host host;
        private final UdpSocket socket = new UdpSocket();
        private final byte[] buffer = new byte[UdpSocket.MAX_PAYLOAD];

        UdpEcho(Host host, int port) throws SocketException.Bind {
            this.host = host;
            host.sockets().add(socket);
            socket.bind(port);
        }

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public void poll(long now) {
            try {
                while (socket.canRecv() && socket.canSend(socket.peekLength())) {
                    int length = socket.recv(buffer, 0, buffer.length);
                    socket.sendTo(socket.lastRemote(), buffer, 0, length);
                }
            } catch (SocketException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close(long now) {
            host.removeSocket(socket);
        }
    }

    @Nested
    class BindSendAndReceive {

        @Test
        void bindOpensASocketOnThePort() {
            Bound bound = console.ok("udp bind 6969", Bound.class);
            assertEquals(new Bound("udp#1", "0.0.0.0:6969"), bound);
            assertEquals("udp#1 bound to 0.0.0.0:6969", bound.text());
        }

        @Test
        void portZeroIsAnEphemeralPortDrawnFromTheSeed() {
            int port = Endpoint.parse(console.ok("udp bind 0", Bound.class).local()).port();
            assertTrue(port >= 49152, "in the dynamic range: " + port);
            VirtualConsole again = new VirtualConsole();
            assertEquals(port, Endpoint.parse(again.ok("udp bind 0", Bound.class).local()).port(), "the same seed, the same port");
        }

        @Test
        void aDatagramReachesASocketOnThePeerWithItsEscapesDecoded() {
            UdpSocket peer = peerSocket(7);
            console.ok("udp bind 6969");
            assertEquals("udp#1: sent 11 octets to 192.168.69.100:7",
                    console.ok("udp send udp#1 192.168.69.100:7 hello\\r\\n\\x00\\t\\\\!").text());
            console.idle(Micros.ofMillis(10));
            UdpDatagram datagram = console.stack((network, now) -> {
                try {
                    return peer.recvFrom();
                } catch (SocketException.Recv e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(IpEndpoint.of(Endpoint.parse("192.168.69.1:6969")), datagram.remote());
            assertEquals("hello\r\n\0\t\\!", new String(datagram.data(), StandardCharsets.ISO_8859_1));
        }

        @Test
        void severalWordsAreOneTextWithSingleSpaces() {
            UdpSocket peer = peerSocket(9);
            console.ok("udp bind 6969");
            console.ok("udp send 1 192.168.69.100:9 two words");
            console.idle(Micros.ofMillis(10));
            assertEquals(9, (int) console.stack((network, now) -> {
                try {
                    return peer.peekLength();
                } catch (SocketException.Recv e) {
                    throw new AssertionError(e);
                }
            }));
        }

        @Test
        void anEchoServiceOnThePeerAnswersAndRecvTakesTheAnswer() {
            console.stack((network, now) -> {
                Host peer = network.peer().orElseThrow();
                stopPeerServices(peer, now);
                try {
                    peer.addService(new UdpEcho(peer, 7));
                } catch (SocketException.Bind e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            console.ok("udp bind 6969");
            console.ok("udp send 1 192.168.69.100:7 'hello, echo\\n'");
            Received received = console.ok("udp recv 1 --wait 1", Received.class);
            assertEquals("udp#1: from 192.168.69.100:7, 12 octets: hello, echo\\n", received.text());
            assertEquals("68656c6c6f2c206563686f0a", received.hex());
            assertEquals("192.168.69.1:6969", received.to());
        }

        @Test
        void recvWithHexShowsADump() {
            UdpSocket peer = peerSocket(7);
            console.ok("udp bind 6969");
            console.stack((network, now) -> {
                try {
                    peer.sendTo(Endpoint.parse("192.168.69.1:6969"), "ABCDEFGHIJKLMNOPQ".getBytes(StandardCharsets.US_ASCII), 0, 17);
                } catch (SocketException.Send e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            assertEquals("udp#1: from 192.168.69.100:7, 17 octets:\n"
                    + "\t0x0000:  4142 4344 4546 4748 494a 4b4c 4d4e 4f50  ABCDEFGHIJKLMNOP\n"
                    + "\t0x0010:  51                                       Q",
                    console.ok("udp recv 1 --hex --wait 1").text());
        }

        @Test
        void recvWaitsOnTheStacksClockForADatagramThatComesLater() {
            UdpSocket peer = peerSocket(7);
            console.ok("udp bind 6969");
            console.stack((network, now) -> {
                Host host = network.peer().orElseThrow();
                host.addService(new Service() {
                    private final long at = now + Micros.ofSeconds(3);
                    private boolean sent;

                    @Override
                    public String name() {
                        return "later";
                    }

                    @Override
                    public void poll(long t) {
                        if (!sent && t >= at) {
                            sent = true;
                            try {
                                peer.sendTo(Endpoint.parse("192.168.69.1:6969"), new byte[] {'!'}, 0, 1);
                            } catch (SocketException.Send e) {
                                throw new AssertionError(e);
                            }
                        }
                    }

                    @Override
                    public long pollAt(long t) {
                        return sent ? Micros.NEVER : at;
                    }
                });
                return null;
            });
            long start = console.clock().now();
            console.failsWith("udp recv 1 --wait 2", "nothing arrived on udp#1 within 2s");
            assertEquals("!", console.ok("udp recv 1 --wait 2", Received.class).data());
            assertTrue(console.clock().now() - start < Micros.ofMillis(3_010), "woken by the datagram, not the timeout");
        }

        @Test
        void recvWithNothingThereFails() {
            console.ok("udp bind 6969");
            console.failsWith("udp recv 1", "nothing has arrived on udp#1 (--wait SEC waits for a datagram)");
        }

        @Test
        void theJsonFormOfADatagram() throws Exception {
            UdpSocket peer = peerSocket(7);
            console.ok("udp bind 6969");
            console.stack((network, now) -> {
                try {
                    peer.sendTo(Endpoint.parse("192.168.69.1:6969"), new byte[] {'h', 'i', '\n'}, 0, 3);
                } catch (SocketException.Send e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            JsonNode json = new ObjectMapper().readTree(new JsonResults().toJson(console.run("udp recv 1 --wait 1")));
            assertEquals("udp recv", json.get("command").asText());
            assertEquals(new ObjectMapper().readTree("{\"handle\":\"udp#1\",\"from\":\"192.168.69.100:7\","
                    + "\"to\":\"192.168.69.1:6969\",\"length\":3,\"data\":\"hi\\\\n\",\"hex\":\"68690a\"}"), json.get("result"));
        }
    }

    @Nested
    class Sockets {

        @Test
        void noneOpenSaysSo() {
            assertEquals("no sockets are open", console.ok("sockets").text());
        }

        @Test
        void everySocketWithItsEndpointsStateAndQueues() {
            UdpSocket peer = peerSocket(7);
            console.ok("udp bind 6969");
            console.ok("udp bind 53");
            console.stack((network, now) -> {
                try {
                    peer.sendTo(Endpoint.parse("192.168.69.1:53"), new byte[5], 0, 5);
                } catch (SocketException.Send e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            console.idle(Micros.ofMillis(10));
            SocketsCommand.Sockets sockets = console.ok("sockets", SocketsCommand.Sockets.class);
            assertEquals(new SocketLine("udp#2", "udp", "0.0.0.0:53", "0.0.0.0:0", "bound", 5, 0), sockets.sockets().get(1));
            assertEquals("handle  kind  local   remote  state  recv-q  send-q\n"
                    + "udp#1   udp   *:6969  *:*     bound  0       0\n"
                    + "udp#2   udp   *:53    *:*     bound  5       0", sockets.text());
        }
    }

    @Nested
    class BadInput {

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "udp bind 70000;PORT: not a port: '70000' (0 to 65535, 0 for any free one)",
            "udp bind http;PORT: not a port: 'http' (0 to 65535, 0 for any free one)",
            "udp bind 6969;PORT: UDP port 6969 is in use (bound to 0.0.0.0:6969)",
            "udp send x 192.168.69.100:7 hi;'x' is not a socket handle (a handle looks like udp#3, or just 3)",
            "udp send udp#0 192.168.69.100:7 hi;'udp#0' is not a socket handle (a handle looks like udp#3, or just 3)",
            "udp send 9 192.168.69.100:7 hi;no socket udp#9 is open (open: udp#1)",
            "udp send tcp#1 192.168.69.100:7 hi;tcp#1 is not a UDP socket (a udp command takes udp#N, or just N)",
            "udp send 2 192.168.69.100:7 hi;no socket udp#2 is open (open: udp#1)",
            "udp recv icmp#1;icmp#1 is not a UDP socket (a udp command takes udp#N, or just N)",
            "udp send 1 192.168.69.100 hi;IP:PORT: not an endpoint: '192.168.69.100' (an address and a port, like 192.168.69.100:6969)",
            "udp send 1 192.168.69.100:0 hi;IP:PORT: port 0 in '192.168.69.100:0' cannot be sent to (1 to 65535)",
            "udp send 1 192.168.69.100:99999 hi;IP:PORT: not a port: 99999 (0 to 65535)",
            "udp send 1 192.168.69.100:7 a\\q;TEXT: unknown escape \\q (known: \\n \\r \\t \\0 \\xNN \\\\)",
            "udp send 1 192.168.69.100:7 a\\x4;TEXT: \\x needs two hex digits, as in \\x0a",
            "udp recv 1 --wait -1;--wait: SEC must be from 0 to 86400, not -1",
        })
        void eachSaysWhichArgumentAndWhyInOneLine(String line, String message) {
            console.ok("udp bind 6969");
            console.stack((network, now) -> network.local().sockets().add(new IcmpSocket()));
            console.failsWith(line, message);
        }

        @Test
        void aMissingTextShowsTheUsage() {
            assertEquals("udp send H IP:PORT TEXT", console.fails("udp send 1 192.168.69.100:7").usage());
        }

        @Test
        void noSocketAtAll() {
            console.failsWith("udp recv 1", "no socket udp#1 is open (no udp socket is)");
        }
    }

    @Test
    void theFixtureRecordsNothingForQuietCommands() {
        console.ok("udp bind 1");
        assertEquals(List.of(), console.output());
    }
}
