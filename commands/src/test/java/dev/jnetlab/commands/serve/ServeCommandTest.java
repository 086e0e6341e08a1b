package dev.jnetlab.commands.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Server;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** serve: services on this host, reached from sockets on the simulated peer. */
class ServeCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    @Test
    void listsThePeersServicesFromTheStart() {
        assertEquals("peer: echo on TCP and UDP 7, 0 connections\n"
                + "peer: discard on TCP and UDP 9, 0 connections\n"
                + "peer: chargen on TCP and UDP 19, 0 connections\n"
                + "peer: http on TCP 80, 0 connections\n"
                + "peer: dhcp on UDP 67, pool 192.168.69.50-192.168.69.99, lease 3600 s, 0 connections\n"
                + "peer: dns on TCP and UDP 53, zone lab. (3 names), 0 connections", console.ok("serve").text());
    }

    @Test
    void serverExampleAnswersUdpWithYoDawg() throws Exception {
        assertEquals("server-example running on TCP and UDP 6969, 64-octet buffers",
                console.ok("serve server-example").text());
        UdpSocket socket = new UdpSocket();
        console.stack((network, now) -> {
            network.peer().orElseThrow().sockets().add(socket);
            try {
                socket.bind(5000);
                socket.sendTo(Endpoint.parse("192.168.69.1:6969"), new byte[] {'h', 'i'}, 0, 2);
            } catch (SocketException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        console.idle(Micros.ofMillis(50));
        byte[] buffer = new byte[100];
        int n = console.stack((network, now) -> {
            try {
                return socket.recv(buffer, 0, buffer.length);
            } catch (SocketException.Recv e) {
                throw new AssertionError(e);
            }
        });
        assertEquals("yo dawg", new String(buffer, 0, n, StandardCharsets.US_ASCII));
    }

    @Test
    void serverExampleAnswersTcpWithReversedChunksIn64OctetBuffers() {
        console.ok("serve server-example");
        TcpSocket socket = peerConnect(6969);
        send(socket, "hello world\n");
        console.idle(Micros.ofMillis(100));
        assertEquals("dlrow olleh\n", recv(socket));
        send(socket, "abc\n");
        console.idle(Micros.ofMillis(100));
        assertEquals("cba\n", recv(socket));
        assertTrue(console.ok("tcp show 2").text().contains("state:        ESTABLISHED"));
        int[] capacities = console.stack((network, now) -> {
            TcpSocket served = (TcpSocket) network.local().sockets().get(network.local().sockets().handle("tcp", 2).orElseThrow());
            return new int[] {served.recvCapacity(), served.sendCapacity()};
        });
        assertEquals(64, capacities[0]);
        assertEquals(64, capacities[1]);
        assertEquals("this host: server-example on TCP and UDP 6969, 64-octet buffers, 1 connection",
                console.ok("serve").text().lines().findFirst().orElseThrow());
    }

    @Test
    void serverExamplesSmallBuffersFillUpWhenTheClientDoesNotRead() {
        console.ok("serve server-example");
        TcpSocket socket = peerConnect(6969, 64);
        byte[] lots = new byte[1000];
        java.util.Arrays.fill(lots, (byte) 'a');
        int queued = console.stack((network, now) -> {
            try {
                return socket.send(lots, 0, lots.length);
            } catch (TcpException.Send e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(1000, queued);
        console.idle(Micros.ofSeconds(2));
        // The server answered what fitted in its 64-octet send queue, then stopped reading: its
        // receive queue is full, its window closed, and most of the 1000 octets wait at the client.
        int[] queues = console.stack((network, now) -> {
            TcpSocket served = (TcpSocket) network.local().sockets().get(network.local().sockets().handle("tcp", 2).orElseThrow());
            return new int[] {served.recvQueue(), served.sendQueue(), socket.sendQueue(), socket.recvQueue()};
        });
        assertEquals(64, queues[0]);
        assertEquals(64, queues[1]);
        assertTrue(queues[2] > 700, "client still queues " + queues[2]);
        assertEquals(64, queues[3]);
    }

    @Test
    void echoOnAnotherPortAndStop() {
        assertEquals("echo running on TCP and UDP 7007", console.ok("serve echo 7007").text());
        TcpSocket socket = peerConnect(7007);
        send(socket, "again");
        console.idle(Micros.ofMillis(100));
        assertEquals("again", recv(socket));
        assertEquals("stopped echo", console.ok("serve stop echo").text());
        console.idle(Micros.ofMillis(100));
        assertEquals(TcpState.CLOSE_WAIT, socket.state());
        console.failsWith("serve stop echo", "no service echo is running on this host (serve lists them)");
    }

    @Test
    void httpChargenDiscardOnThisHost() {
        console.ok("serve http");
        console.ok("serve chargen");
        console.ok("serve discard");
        TcpSocket http = peerConnect(80);
        send(http, "GET / HTTP/1.0\r\n\r\n");
        TcpSocket chargen = peerConnect(19);
        console.idle(Micros.ofMillis(200));
        assertTrue(recv(http).contains("Hello from jnetlab"));
        assertTrue(recv(chargen).startsWith(" !\"#$%&'()*+,-./0123456789"));
        assertEquals("stopped http, chargen, discard", console.ok("serve stop all").text());
        assertEquals(List.of("peer"), console.ok("serve", ServeCommand.Services.class).services().stream()
                .map(ServeCommand.Running::host).distinct().toList());
    }

    @Test
    void thePeersUdpEchoDiscardAndChargen() {
        console.ok("udp bind 5000");
        console.ok("udp send 1 192.168.69.100:7 'echo me'");
        assertEquals("udp#1: from 192.168.69.100:7, 7 octets: echo me", console.ok("udp recv 1 --wait 1").text());
        console.ok("udp send 1 192.168.69.100:9 'into the void'");
        console.fails("udp recv 1 --wait 1");
        console.ok("udp send 1 192.168.69.100:19 x");
        String line = console.ok("udp recv 1 --wait 1").text();
        assertTrue(line.startsWith("udp#1: from 192.168.69.100:19, 74 octets:  !\"#$%"), line);
        assertTrue(line.endsWith("efg\\r\\n"), line);
    }

    @Test
    void badInputIsOneLine() {
        console.failsWith("serve gopher", "NAME: 'gopher' is not one of server-example, echo, discard, chargen, http");
        console.failsWith("serve echo 0", "PORT: not a port: '0' (1 to 65535)");
        console.failsWith("serve stop", "serve stop: which service? (serve stop NAME, or serve stop all)");
        console.ok("serve echo");
        console.failsWith("serve echo", "echo is running on this host already (serve stop echo first)");
        console.ok("tcp listen 8080");
        assertTrue(console.fails("serve http 8080").message().startsWith("PORT: TCP port 8080 is in use"));
    }

    /** A served listener shows as one of tcp listen: its queues, cookies, drops, and what its connections are made with. */
    @Test
    void aServedListenerShowsLikeOneOfTcpListen() {
        console.ok("serve server-example");
        TcpSocket peer = peerConnect(6969);
        console.idle(Micros.ofMillis(100));
        assertEquals(TcpState.ESTABLISHED, peer.state());
        String shown = console.ok("tcp show 1").text();
        assertTrue(shown.startsWith("tcp#1\nstate:        LISTEN\nlocal:        0.0.0.0:6969\n"), shown);
        assertTrue(shown.contains("backlog:      0 of " + Server.BACKLOG + " waiting, 0 half-open"), shown);
        assertTrue(shown.contains("accepted:     1\n"), shown);
        assertTrue(shown.contains("cookies:      0 sent, 0 validated, 0 rejected"), shown);
        assertTrue(shown.contains("dropped:      0 SYNs (backlog full)"), shown);
        assertTrue(shown.contains("rcvbuf 64,") && shown.contains("sndbuf 64,"), "server-example's 64-octet buffers: " + shown);
    }

    private TcpSocket peerConnect(int port) {
        return peerConnect(port, 4096);
    }

    private TcpSocket peerConnect(int port, int rxCapacity) {
        TcpSocket socket = new TcpSocket(rxCapacity, 4096);
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
        assertEquals(TcpState.ESTABLISHED, socket.state());
        return socket;
    }

    private void send(TcpSocket socket, String text) {
        byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        console.stack((network, now) -> {
            try {
                return socket.send(data, 0, data.length);
            } catch (TcpException.Send e) {
                throw new AssertionError(e);
            }
        });
    }

    private String recv(TcpSocket socket) {
        byte[] buffer = new byte[4096];
        int n = console.stack((network, now) -> {
            try {
                return socket.recv(buffer, 0, buffer.length);
            } catch (TcpException.Recv e) {
                return 0;
            }
        });
        return new String(buffer, 0, n, StandardCharsets.US_ASCII);
    }
}
