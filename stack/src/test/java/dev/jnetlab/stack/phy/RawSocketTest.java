package dev.jnetlab.stack.phy;

import static dev.jnetlab.stack.phy.Receiving.awaitFrame;
import static dev.jnetlab.stack.phy.Receiving.send;
import static dev.jnetlab.stack.phy.KernelFrames.ARP_REPLY;
import static dev.jnetlab.stack.phy.KernelFrames.ARP_REQUEST;
import static dev.jnetlab.stack.phy.KernelFrames.BROADCAST;
import static dev.jnetlab.stack.phy.KernelFrames.ICMP_ECHO_REPLY;
import static dev.jnetlab.stack.phy.KernelFrames.ICMP_ECHO_REQUEST;
import static dev.jnetlab.stack.phy.KernelFrames.STACK_MAC;
import static dev.jnetlab.stack.phy.KernelFrames.ipv4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.DeviceOpenException.Reason;
import dev.jnetlab.stack.phy.RawSocket.Direction;
import dev.jnetlab.stack.time.Micros;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawSocketTest {
    private static final String NEAR_ADDRESS = "192.168.70.1";
    private static final String FAR_ADDRESS = "192.168.70.2";
    private static final byte[] NEAR_IP = ipv4(NEAR_ADDRESS);
    private static final byte[] FAR_IP = ipv4(FAR_ADDRESS);
    /** An address on the veth wire that neither kernel has: the stack's, when it sits on the raw socket. */
    private static final byte[] STACK_IP = ipv4("192.168.70.3");

    /** A frame a sniffer saw, copied, with its direction. */
    record Seen(Direction direction, byte[] frame) {
        boolean is(Direction expected, Predicate<byte[]> what) {
            return direction == expected && what.test(frame);
        }
    }

    /**
     * The far end of a veth pair: veth0 ({@value #NEAR_ADDRESS}/24) stays in the test's
     * namespace, its peer veth1 ({@value #FAR_ADDRESS}/24) is moved into this one.
     */
    private NetworkNamespace far;

    private void wire(NetworkNamespace ns) {
        far = NetworkNamespace.create();
        ns.exec("ip", "link", "add", "veth0", "type", "veth", "peer", "name", "veth1").assertSuccess();
        ns.exec("ip", "link", "set", "veth1", "netns", far.name()).assertSuccess();
        ns.exec("ip", "addr", "add", NEAR_ADDRESS + "/24", "dev", "veth0").assertSuccess();
        ns.exec("ip", "link", "set", "veth0", "up").assertSuccess();
        far.exec("ip", "addr", "add", FAR_ADDRESS + "/24", "dev", "veth1").assertSuccess();
        far.exec("ip", "link", "set", "veth1", "up").assertSuccess();
    }

    @AfterEach
    void removeTheFarEnd() {
        if (far != null) {
            far.close();
        }
    }

    static RawSocket openRaw(NetworkNamespace ns, String name) {
        return ns.inside(() -> RawSocket.open(name));
    }

    static List<Seen> sniffAll(RawSocket socket) {
        List<Seen> seen = new ArrayList<>();
        while (socket.sniff(0, (direction, frame, offset, length) ->
                seen.add(new Seen(direction, Arrays.copyOfRange(frame, offset, offset + length))))) {
            // drains what is queued; the ping that caused it has ended
        }
        return seen;
    }

    static Predicate<byte[]> icmp(int type, byte[] source) {
        return frame -> KernelFrames.icmpType(frame) == type && Arrays.equals(KernelFrames.ipSource(frame), source);
    }

    static Predicate<byte[]> arp(int operation, byte[] sender) {
        return frame -> KernelFrames.isArp(frame, operation) && Arrays.equals(KernelFrames.arpSenderIp(frame), sender);
    }

    @Nested
    @RealPeer(tools = "ping")
    class OnAVethPair {

        @Test
        void takesItsNameAndMtuFromTheInterface(NetworkNamespace ns) {
            wire(ns);
            ns.exec("ip", "link", "set", "veth0", "mtu", "1400").assertSuccess();
            try (RawSocket socket = openRaw(ns, "veth0")) {
                assertEquals("veth0", socket.name());
                assertEquals(1400, socket.capabilities().mtu());
            }
        }

        @Test
        void aSnifferSeesThePingGoOutAndItsReplyComeIn(NetworkNamespace ns) {
            wire(ns);
            try (RawSocket socket = openRaw(ns, "veth0")) {
                ns.exec("ping", "-c", "1", "-W", "5", FAR_ADDRESS).assertSuccess();

                List<Seen> seen = sniffAll(socket);
                assertTrue(seen.stream().anyMatch(s -> s.is(Direction.OUTGOING, arp(ARP_REQUEST, NEAR_IP))), "ARP request out");
                assertTrue(seen.stream().anyMatch(s -> s.is(Direction.INCOMING, arp(ARP_REPLY, FAR_IP))), "ARP reply in");
                assertTrue(seen.stream().anyMatch(s -> s.is(Direction.OUTGOING, icmp(ICMP_ECHO_REQUEST, NEAR_IP))), "echo request out");
                assertTrue(seen.stream().anyMatch(s -> s.is(Direction.INCOMING, icmp(ICMP_ECHO_REPLY, FAR_IP))), "echo reply in");
                assertFalse(seen.stream().anyMatch(s -> s.is(Direction.INCOMING, icmp(ICMP_ECHO_REQUEST, NEAR_IP))),
                        "this host's request is never marked incoming");
            }
        }

        @Test
        void theStackReceivesOnlyWhatArrivedNotWhatThisHostSent(NetworkNamespace ns) {
            wire(ns);
            try (RawSocket socket = openRaw(ns, "veth0")) {
                ns.exec("ping", "-c", "1", "-W", "5", FAR_ADDRESS).assertSuccess();

                List<byte[]> received = Receiving.drain(socket);
                assertTrue(received.stream().anyMatch(icmp(ICMP_ECHO_REPLY, FAR_IP)), "the reply arrived");
                assertTrue(received.stream().anyMatch(arp(ARP_REPLY, FAR_IP)), "the ARP reply arrived");
                assertFalse(received.stream().anyMatch(icmp(ICMP_ECHO_REQUEST, NEAR_IP)), "the host's request is passed over");
                assertFalse(received.stream().anyMatch(arp(ARP_REQUEST, NEAR_IP)), "the host's ARP request is passed over");
            }
        }

        @Test
        void aFrameItTransmitsReachesTheFarHostWhichAnswersIt(NetworkNamespace ns) {
            wire(ns);
            try (RawSocket socket = openRaw(ns, "veth0")) {
                assertTrue(send(socket, KernelFrames.arp(ARP_REQUEST, BROADCAST, STACK_MAC, STACK_IP, new byte[6], FAR_IP)));

                byte[] reply = awaitFrame(socket, "ARP reply from the far host", arp(ARP_REPLY, FAR_IP));
                assertArrayEquals(STACK_MAC, KernelFrames.dstMac(reply), "to the stack's own MAC, not the host's");
            }
        }

        @Test
        void waitingEndsWhenAFrameArrivesAndTimesOutWhenNoneDoes(NetworkNamespace ns) {
            wire(ns);
            try (RawSocket socket = openRaw(ns, "veth0")) {
                long start = System.nanoTime();
                assertFalse(socket.awaitReadable(50_000));
                assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos());

                assertTrue(send(socket, KernelFrames.arp(ARP_REQUEST, BROADCAST, STACK_MAC, STACK_IP, new byte[6], FAR_IP)));
                assertTrue(socket.awaitReadable(Micros.ofSeconds(5)), "the far host's answer ends the wait");
                assertNotNull(Receiving.next(socket));
            }
        }

        @Test
        void aWakeUpEndsTheWait(NetworkNamespace ns) {
            wire(ns);
            try (RawSocket socket = openRaw(ns, "veth0")) {
                socket.wakeUp();
                long start = System.nanoTime();
                assertFalse(socket.awaitReadable(Micros.ofSeconds(5)));
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos());
            }
        }

        @Test
        void keepsTheInterfacePromiscuousWhileOpen(NetworkNamespace ns) {
            wire(ns);
            RawSocket socket = openRaw(ns, "veth0");
            String open = ns.exec("ip", "-d", "link", "show", "veth0").assertSuccess().stdout();
            socket.close();
            String closed = ns.exec("ip", "-d", "link", "show", "veth0").assertSuccess().stdout();

            assertTrue(open.contains("promiscuity 1"), open);
            assertTrue(closed.contains("promiscuity 0"), closed);
            assertThrows(IllegalStateException.class, () -> socket.sniff(0, (direction, frame, offset, length) -> { }));
        }
    }

    @Nested
    class RefusingToOpen {

        @Test
        void anInterfaceThatDoesNotExistIsNamedWithHowToListThem() {
            DeviceOpenException failure = assertThrows(DeviceOpenException.class, () -> RawSocket.open("nosuch0"));
            assertEquals(Reason.NO_SUCH_INTERFACE, failure.reason());
            assertEquals("cannot open a raw socket on nosuch0: there is no interface named nosuch0"
                    + " (in this network namespace). List the interfaces with:\n"
                    + "    ip link show", failure.getMessage());
        }

        @Test
        void aNameNoInterfaceCanHaveIsRefused() {
            DeviceOpenException failure = assertThrows(DeviceOpenException.class, () -> RawSocket.open("eth0:1"));
            assertEquals(Reason.INVALID_NAME, failure.reason());
        }

        @Test
        @RealPeer(tools = "setpriv")
        void withoutCapNetRawItSaysToRunAsRoot(NetworkNamespace ns, @TempDir Path scratch) {
            PeerResult child = UnprivilegedOpen.run(ns, scratch, "raw", "lo");

            assertEquals(3, child.exitCode(), child.stdout() + child.stderr());
            assertEquals("PERMISSION_DENIED\n"
                    + "cannot open a raw socket on lo: permission denied (socket(AF_PACKET): Operation not permitted (EPERM)).\n"
                    + "A raw socket needs root or the CAP_NET_RAW capability (packet(7)). Run jnetlab as root:\n"
                    + "    sudo ./jnetlab --raw lo\n", child.stdout());
        }
    }
}
