package dev.jnetlab.commands.args;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {

    @Nested
    class Values {

        @Test
        void portsFromTheirMinimum() throws CommandException {
            assertEquals(0, Arguments.port("PORT", "0", 0));
            assertEquals(65535, Arguments.port("PORT", "65535", 1));
            assertEquals("PORT: not a port: '0' (1 to 65535)",
                    assertThrows(CommandException.class, () -> Arguments.port("PORT", "0", 1)).getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-1", "65536", "123456", "8o", " 80"})
        void notPorts(String text) {
            assertThrows(CommandException.class, () -> Arguments.port("PORT", text, 0));
        }

        @Test
        void endpointsNeedBothParts() throws CommandException {
            assertEquals(IpEndpoint.of(Endpoint.parse("192.168.69.100:7")), Arguments.endpoint("IP:PORT", "192.168.69.100:7"));
            assertEquals("IP:PORT: 0.0.0.0 in '0.0.0.0:7' cannot be sent to",
                    assertThrows(CommandException.class, () -> Arguments.endpoint("IP:PORT", "0.0.0.0:7")).getMessage());
        }

        @Test
        void textWordsAreJoinedWithSpacesAndDecoded() throws CommandException {
            assertArrayEquals(new byte[] {'a', ' ', 'b', '\n'}, Arguments.text("TEXT", List.of("a", "b\\n")));
        }

        @Test
        void sizesInOctetsOrWithABinarySuffix() throws CommandException {
            assertEquals(65536, Arguments.octets("N", "65536", 1, 1L << 40));
            assertEquals(64 * 1024, Arguments.octets("N", "64K", 1, 1L << 40));
            assertEquals(64L << 20, Arguments.octets("N", "64m", 1, 1L << 40));
            assertEquals(1L << 30, Arguments.octets("N", "1G", 1, 1L << 40));
            assertEquals("N: '2G' is out of range (1 to 1073741824 octets; K, M, G for 2^10, 2^20, 2^30: 64M, 1G)",
                    assertThrows(CommandException.class, () -> Arguments.octets("N", "2G", 1, 1L << 30)).getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "G", "-1", "1.5G", "1T", "0", "99999999999999G"})
        void notSizes(String text) {
            assertThrows(CommandException.class, () -> Arguments.octets("N", text, 1, 1L << 40));
        }

        @Test
        void choices() throws CommandException {
            assertEquals("on", Arguments.choice("on|off", "on", "on", "off"));
        }
    }

    @Nested
    class SocketHandles {
        private final SocketSet sockets = new SocketSet(1);
        private final SocketHandle<UdpSocket> udp = sockets.add(new UdpSocket());
        private final SocketHandle<IcmpSocket> icmp = sockets.add(new IcmpSocket());
        private final SocketHandle<TcpSocket> tcp = sockets.add(new TcpSocket(64, 64));

        @Test
        void aHandleIsItsPrintedFormOrItsNumberInTheCommandsKind() throws CommandException {
            assertEquals(udp, Handles.find(sockets, "udp#1", SocketKind.UDP));
            assertEquals(udp, Handles.find(sockets, "1", SocketKind.UDP));
            assertEquals(icmp, Handles.find(sockets, "1", SocketKind.ICMP));
            assertEquals(tcp, Handles.find(sockets, "1", SocketKind.TCP));
            assertEquals(tcp, Handles.find(sockets, "tcp#1", TcpSocket.class, "a TCP connection"));
            assertEquals(udp, Handles.find(sockets, "1", UdpSocket.class, "a UDP socket"));
        }

        @Test
        void aHandleOfAnotherKindIsRefused() {
            assertEquals("icmp#1 is not a UDP socket (a udp command takes udp#N, or just N)",
                    assertThrows(CommandException.class,
                            () -> Handles.find(sockets, "icmp#1", UdpSocket.class, "a UDP socket")).getMessage());
        }

        @Test
        void aClosedSocketIsNamedWithWhatIsOpenOfItsKind() {
            sockets.remove(udp);
            sockets.add(new UdpSocket());
            assertEquals("no socket udp#1 is open (open: udp#2)",
                    assertThrows(CommandException.class, () -> Handles.find(sockets, "1", SocketKind.UDP)).getMessage());
            assertEquals("no socket tcp#2 is open (open: tcp#1)",
                    assertThrows(CommandException.class, () -> Handles.find(sockets, "2", SocketKind.TCP)).getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "#", "udp#", "udp", "-1", "0", "udp#x", "1.5", "99999999999"})
        void notHandles(String text) {
            assertEquals("'" + text + "' is not a socket handle (a handle looks like udp#3, or just 3)",
                    assertThrows(CommandException.class, () -> Handles.find(sockets, text, SocketKind.UDP)).getMessage());
        }
    }
}
