package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.DeviceCapabilities;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultEvent;
import dev.jnetlab.stack.phy.FaultInjector;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.phy.FrameReceiver;
import dev.jnetlab.stack.phy.Offloads;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.TcpPacket;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults on the way in act per segment, with the tap's offloads and without: while the kernel
 * sends the stack 2 MB over TCP through {@code drop 10}, the injector must see only frames a
 * wire carries (with offloads the tap would otherwise hand it GSO super-frames of up to 45
 * segments, and a drop would lose them all) and lose 10 % of the kernel's data segments.
 * With 1,500 or more segments (retransmissions draw too), the rate's standard deviation is
 * under 0.8 points; the bound, 3 points, is nearly four of them.
 */
class ReceiveFaultsKernelPeerTest {
    private static final int TWO_MB = 2 << 20;
    private static final int PORT = 5001;
    private static final double BOUND = 3.0;
    private static final int HOST = Ipv4Address.parse(NetworkNamespace.HOST_ADDRESS).bits();

    private final Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")).withSeed(6));
    private final SocketSet sockets = iface.newSocketSet();
    private final byte[] buffer = new byte[64 * 1024];

    @ParameterizedTest(name = "offloads {0}")
    @EnumSource(Offloads.class)
    @RealPeer(tools = {"socat", "sh", "head"})
    void dropTenLosesTenPercentOfTheKernelsSegments(Offloads offloads, NetworkNamespace ns) {
        try (TapInterface tap = ns.inside(() -> TapInterface.open(NetworkNamespace.TAP, offloads))) {
            Segments wire = new Segments(tap);
            FaultInjector injector = new FaultInjector(wire, FaultConfig.NONE.withDropPercent(10), 13);
            Segments stack = new Segments(injector);
            long[] dropped = {0};
            injector.setListener(event -> {
                if (event.direction() == Direction.RX && event.kind() == FaultEvent.Kind.DROPPED
                        && Segments.kernelData(event.frame(), event.offset(), event.length())) {
                    dropped[0]++;
                }
            });
            RealTimeDriver driver = new RealTimeDriver(tap, stack, iface, sockets);

            assertEquals(TWO_MB, upload(ns, driver, TWO_MB, PORT));

            assertTrue(wire.longest <= PlainReaderUpload.WIRE_FRAME,
                    "a frame of " + wire.longest + " octets reached the faults: a super-frame, dropped whole");
            long segments = dropped[0] + stack.dataSegments;
            double lossPercent = 100.0 * dropped[0] / segments;
            System.out.printf(Locale.ROOT, "drop 10, offloads %s: %d of %d kernel segments lost (%.2f %%)%n",
                    offloads, dropped[0], segments, lossPercent);
            assertTrue(segments >= 1_400, "a long transfer: " + segments + " segments");
            assertEquals(10.0, lossPercent, BOUND, dropped[0] + " of " + segments);

            if (offloads == Offloads.CSUM_TSO4) {
                injector.setConfig(FaultConfig.NONE);
                long before = tap.gsoFramesReceived();
                assertEquals(TWO_MB, upload(ns, driver, TWO_MB, PORT + 1));
                assertTrue(tap.gsoFramesReceived() > before, "faults off: the kernel's super-frames are back");
            }
        }
    }

    /** Has socat in the namespace send {@code bytes} to the stack's {@code port}; returns how many arrived. */
    private long upload(NetworkNamespace ns, RealTimeDriver driver, int bytes, int port) {
        SocketHandle<TcpListener> listener = sockets.add(new TcpListener(new Endpoint(0, port), 1, TcpKernelPeerTest::socket));
        long[] received = {0};
        TcpSocket[] accepted = {null};
        try (PeerProcess client = ns.spawn("sh", "-c", "head -c " + bytes + " /dev/zero | exec socat -u - TCP:"
                + NetworkNamespace.STACK_ADDRESS + ":" + port)) {
            driver.runUntil(() -> {
                if (accepted[0] == null) {
                    accepted[0] = sockets.accept(listener).map(sockets::get).orElse(null);
                    return false;
                }
                try {
                    for (int n; (n = accepted[0].recv(buffer, 0, buffer.length)) > 0; ) {
                        received[0] += n;
                    }
                } catch (TcpException.Recv e) {
                    return true;
                }
                return received[0] >= bytes;
            }, Duration.ofSeconds(90));
        }
        return received[0];
    }

    /** Middleware that counts the kernel's TCP data segments it hands up and remembers the longest frame. */
    private static final class Segments implements Device, FrameReceiver {
        private static final Ipv4Packet IP = new Ipv4Packet();
        private static final TcpPacket TCP = new TcpPacket();
        private final Device inner;
        private FrameReceiver up;
        long dataSegments;
        int longest;

        Segments(Device inner) {
            this.inner = inner;
        }

        static boolean kernelData(byte[] frame, int offset, int length) {
            if (length <= EthernetFrame.HEADER_LEN) {
                return false;
            }
            IP.wrap(frame, offset + EthernetFrame.HEADER_LEN, length - EthernetFrame.HEADER_LEN);
            if (IP.check() != null || IP.protocolValue() != IpProtocol.TCP.value() || IP.source() != HOST) {
                return false;
            }
            TCP.wrap(frame, IP.payloadOffset(), IP.totalLength() - IP.headerLength());
            return IP.totalLength() - IP.headerLength() - TCP.headerLength() > 0;
        }

        @Override
        public DeviceCapabilities capabilities() {
            return inner.capabilities();
        }

        @Override
        public void receiveWireFramesOnly(boolean only) {
            inner.receiveWireFramesOnly(only);
        }

        @Override
        public boolean receive(long now, FrameReceiver receiver) {
            up = receiver;
            return inner.receive(now, this);
        }

        @Override
        public void receive(byte[] frame, int offset, int length) {
            receive(frame, offset, length, false);
        }

        @Override
        public void receive(byte[] frame, int offset, int length, boolean vouched) {
            longest = Math.max(longest, length);
            if (kernelData(frame, offset, length)) {
                dataSegments++;
            }
            up.receive(frame, offset, length, vouched);
        }

        @Override
        public boolean transmit(long now, int length, FrameFiller filler) {
            return inner.transmit(now, length, filler);
        }

        @Override
        public long nextDeadline(long now) {
            return inner.nextDeadline(now);
        }
    }
}
