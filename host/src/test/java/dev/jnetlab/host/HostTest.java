package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.iface.InterfaceConfig;
import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import org.junit.jupiter.api.Test;

/** A host's poll: frames in, its services, frames out, in that order. */
class HostTest {
    private static final MacAddress OTHER_MAC = MacAddress.parse("02:00:00:00:00:02");

    private final VirtualWire wire = new VirtualWire(); // no latency: a frame sent is there at once
    private final Host host = new Host("this host",
            InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"), Ipv4Cidr.parse("192.168.69.1/24")), wire.a());

    @Test
    void whatAServiceQueuesLeavesInTheSamePoll() throws SocketException {
        host.iface().addStaticNeighbor(Ipv4Address.parse("192.168.69.100"), OTHER_MAC);
        UdpSocket socket = new UdpSocket();
        host.sockets().add(socket);
        socket.bind(5000);
        host.addService(new Service() {
            private boolean sent;

            @Override
            public String name() {
                return "sender";
            }

            @Override
            public void poll(long now) {
                if (!sent) {
                    sent = true;
                    try {
                        socket.sendTo(Endpoint.parse("192.168.69.100:7"), new byte[] {'h', 'i'}, 0, 2);
                    } catch (SocketException.Send e) {
                        throw new AssertionError(e);
                    }
                }
            }
        });

        host.poll(0);

        int[] frames = {0};
        while (wire.b().receive(0, (frame, offset, length) -> frames[0]++)) {
            assertTrue(frames[0] < 10);
        }
        assertEquals(1, frames[0], "the datagram the service queued is on the wire after one poll");
    }
}
