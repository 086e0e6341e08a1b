package dev.jnetlab.stack.phy;

import dev.jnetlab.testing.AllocationMeter;

import static dev.jnetlab.stack.phy.Receiving.awaitFrame;
import static dev.jnetlab.stack.phy.Receiving.send;
import static dev.jnetlab.stack.phy.KernelFrames.ARP_REPLY;
import static dev.jnetlab.stack.phy.KernelFrames.ARP_REQUEST;
import static dev.jnetlab.stack.phy.KernelFrames.BROADCAST;
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
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.DeviceOpenException.Reason;
import dev.jnetlab.stack.time.Micros;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TapInterfaceTest {
    private static final String TAP = NetworkNamespace.TAP;
    private static final byte[] STACK_IP = ipv4(NetworkNamespace.STACK_ADDRESS);
    private static final byte[] HOST_IP = ipv4(NetworkNamespace.HOST_ADDRESS);
    /** Given to tap0's kernel side where a test needs to address frames to it. */
    private static final byte[] HOST_MAC = KernelFrames.mac("02:00:00:00:00:02");
    private static final String USER = System.getProperty("user.name");

    /** What {@link TapInterface#open(String)} asks for. */
    private static final int OFFLOADS = LibC.TUN_F_CSUM | LibC.TUN_F_TSO4;

    static TapInterface openTap(NetworkNamespace ns) {
        return ns.inside(() -> TapInterface.open(TAP));
    }

    /**
     * Opens tap0 asking for {@code offloadFlags}, through the JNI shim or JNA. The shim is built
     * with the classes: without it (no C compiler) its tests are skipped, but fail under CI=true.
     */
    static TapInterface openTap(NetworkNamespace ns, int offloadFlags, boolean shim) {
        if (shim) {
            NativeFramesTest.requireShim();
        }
        return ns.inside(() -> TapInterface.open(TAP, TapInterface.CLONE_DEVICE, offloadFlags, shim));
    }

    /** The failure of opening {@code name} inside {@code ns}; fails the test if it opens. */
    static DeviceOpenException openFailure(NetworkNamespace ns, String name) {
        DeviceOpenException failure = ns.inside(() -> {
            try {
                TapInterface.open(name).close();
                return null;
            } catch (DeviceOpenException e) {
                return e;
            }
        });
        assertNotNull(failure, name + " opened");
        return failure;
    }

    static String setupLines(String name, String user) {
        return "    sudo ip tuntap add name " + name + " mode tap user " + user + "\n"
                + "    sudo ip link set " + name + " up\n"
                + "    sudo ip addr add 192.168.69.100/24 dev " + name;
    }

    @Nested
    @RealPeer(tools = "ping")
    class AttachedToTap0 {
        /** The tap as this group opens it: the default, with offloads, through the JNI shim. */
        TapInterface open(NetworkNamespace ns) {
            return openTap(ns, OFFLOADS, true);
        }

        /** What {@link #open} makes of checksums. */
        ChecksumCapabilities checksums() {
            return ChecksumCapabilities.TAP_OFFLOAD;
        }

        @Test
        void takesItsNameAndMtuFromTheInterface(NetworkNamespace ns) {
            ns.exec("ip", "link", "set", TAP, "mtu", "1400").assertSuccess();
            try (TapInterface tap = open(ns)) {
                assertEquals(TAP, tap.name());
                assertEquals(1400, tap.capabilities().mtu());
                assertEquals(1414, tap.capabilities().maxFrameSize());
                assertEquals(checksums(), tap.capabilities().checksums());
            }
        }

        @Test
        void receiveReturnsFalseAtOnceWhenNothingArrived(NetworkNamespace ns) {
            try (TapInterface tap = open(ns)) {
                AtomicInteger calls = new AtomicInteger();
                assertFalse(tap.receive(0, (frame, offset, length) -> calls.incrementAndGet()));
                assertEquals(0, calls.get(), "the receiver is not called without a frame");
            }
        }

        @Test
        void seesTheArpRequestOfTheKernelPingingTheStack(NetworkNamespace ns) {
            try (TapInterface tap = open(ns)) {
                ns.spawn("ping", "-c", "1", "-W", "5", NetworkNamespace.STACK_ADDRESS);
                byte[] request = awaitFrame(tap, "ARP request", frame -> KernelFrames.isArp(frame, ARP_REQUEST));

                assertArrayEquals(BROADCAST, KernelFrames.dstMac(request), "sent to every host on the wire");
                assertEquals(KernelFrames.ETHERTYPE_ARP, KernelFrames.etherType(request));
                assertArrayEquals(STACK_IP, KernelFrames.arpTargetIp(request), "asks for the stack's address");
                assertArrayEquals(HOST_IP, KernelFrames.arpSenderIp(request), "from the kernel's address");
                assertArrayEquals(KernelFrames.srcMac(request), KernelFrames.arpSenderMac(request));
            }
        }

        @Test
        void carriesAPingFromTheKernelToTheStackAndTheReplyBack(NetworkNamespace ns) {
            try (TapInterface tap = open(ns);
                 PeerProcess ping = ns.spawn("ping", "-c", "1", "-W", "5", NetworkNamespace.STACK_ADDRESS)) {
                byte[] who = awaitFrame(tap, "ARP request", frame -> KernelFrames.isArp(frame, ARP_REQUEST));
                byte[] kernelMac = KernelFrames.arpSenderMac(who);
                assertTrue(send(tap, KernelFrames.arp(ARP_REPLY, kernelMac, STACK_MAC, STACK_IP, kernelMac, HOST_IP)));

                byte[] request = awaitFrame(tap, "ICMP echo request",
                        frame -> KernelFrames.icmpType(frame) == ICMP_ECHO_REQUEST);
                assertArrayEquals(STACK_MAC, KernelFrames.dstMac(request), "the kernel used the MAC the stack announced");
                assertTrue(send(tap, KernelFrames.echoReplyTo(request, STACK_MAC)));

                PeerResult result = ping.await(Receiving.PATIENCE).assertSuccess();
                assertTrue(result.stdout().contains("1 received"), result.stdout());
            }
        }

        @Test
        void theKernelAnswersAnArpRequestTransmittedThroughIt(NetworkNamespace ns) {
            try (TapInterface tap = open(ns)) {
                assertTrue(send(tap, KernelFrames.arp(ARP_REQUEST, BROADCAST, STACK_MAC, STACK_IP, new byte[6], HOST_IP)));

                byte[] reply = awaitFrame(tap, "ARP reply", frame -> KernelFrames.isArp(frame, ARP_REPLY));
                assertArrayEquals(STACK_MAC, KernelFrames.dstMac(reply));
                assertArrayEquals(HOST_IP, KernelFrames.arpSenderIp(reply));
                String neighbours = ns.exec("ip", "neigh", "show", "dev", TAP).assertSuccess().stdout();
                assertTrue(neighbours.contains(NetworkNamespace.STACK_ADDRESS + " lladdr 02:00:00:00:00:01"), neighbours);
            }
        }

        @Test
        void whileTheTapIsDownATransmitIsRefusedNotFailed(NetworkNamespace ns) {
            try (TapInterface tap = open(ns)) {
                ns.exec("ip", "link", "set", TAP, "down").assertSuccess();
                assertFalse(send(tap, KernelFrames.arp(ARP_REQUEST, BROADCAST, STACK_MAC, STACK_IP, new byte[6], HOST_IP)));
            }
        }

        @Test
        void refusesALengthThatIsNoEthernetFrameWithoutCallingTheFiller(NetworkNamespace ns) {
            try (TapInterface tap = open(ns)) {
                AtomicInteger calls = new AtomicInteger();
                FrameFiller filler = (buffer, offset, length) -> calls.incrementAndGet();
                assertThrows(IllegalArgumentException.class, () -> tap.transmit(0, 13, filler));
                assertThrows(IllegalArgumentException.class, () -> tap.transmit(0, FrameBuffers.CAPACITY + 1, filler));
                assertEquals(0, calls.get());
            }
        }

        @Test
        void reportsTheDeletionOfItsTapAsADeviceError(NetworkNamespace ns) {
            try (TapInterface tap = open(ns)) {
                ns.exec("ip", "link", "del", TAP).assertSuccess();

                assertTrue(tap.awaitReadable(Micros.ofSeconds(5)), "the wait ends so the loop can see the error");
                DeviceIoException error = assertThrows(DeviceIoException.class, () -> Receiving.next(tap));
                assertEquals(Errno.EBADFD, error.errno());
                assertTrue(error.getMessage().startsWith("tap0: read failed"), error.getMessage());
                assertTrue(error.getMessage().contains("was the interface deleted?"), error.getMessage());
            }
        }
    }

    @Nested
    @RealPeer(tools = "ping")
    class Waiting {
        /** The tap as this group opens it: the default, through the JNI shim. */
        TapInterface open(NetworkNamespace ns) {
            return openTap(ns, OFFLOADS, true);
        }

        @Test
        void endsWhenAFrameArrives(NetworkNamespace ns) {
            try (TapInterface tap = open(ns)) {
                ns.spawn("ping", "-c", "1", "-W", "5", NetworkNamespace.STACK_ADDRESS);
                long start = System.nanoTime();
                assertTrue(tap.awaitReadable(Micros.ofSeconds(5)));
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
                assertNotNull(Receiving.next(tap), "the frame that ended the wait is there to receive");
            }
        }

        @Test
        void endsWithFalseWhenItsTimeoutPassesAndNothingArrived(NetworkNamespace ns) {
            try (TapInterface tap = open(ns)) {
                long start = System.nanoTime();
                assertFalse(tap.awaitReadable(50_000));
                long waited = System.nanoTime() - start;
                assertTrue(waited >= Duration.ofMillis(50).toNanos(), "waited " + waited + " ns");
                assertTrue(waited < Duration.ofSeconds(5).toNanos(), "waited " + waited + " ns");
            }
        }

        @Test
        void withATimeoutOfZeroOrLessDoesNotBlock(NetworkNamespace ns) {
            try (TapInterface tap = open(ns)) {
                long start = System.nanoTime();
                assertFalse(tap.awaitReadable(0));
                assertFalse(tap.awaitReadable(-1));
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos());
            }
        }

        @Test
        void aWakeUpFromAnotherThreadEndsAWaitInProgress(NetworkNamespace ns) throws Exception {
            ExecutorService waiter = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, WaitingThreads.NAME);
                thread.setDaemon(true); // should the wake-up be lost, the thread must not keep the JVM alive
                return thread;
            });
            try (TapInterface tap = open(ns)) {
                CompletableFuture<Boolean> wait = CompletableFuture.supplyAsync(
                        () -> tap.awaitReadable(Micros.NEVER), waiter);
                WaitingThreads.awaitBlockedInPoll();

                tap.wakeUp();

                assertFalse(wait.get(5, TimeUnit.SECONDS), "a wait without a timeout, ended by the wake-up");
            } finally {
                waiter.shutdownNow();
            }
        }

        @Test
        void aWakeUpWithNobodyWaitingEndsTheNextWaitOnly(NetworkNamespace ns) {
            try (TapInterface tap = open(ns)) {
                tap.wakeUp();
                tap.wakeUp();
                long start = System.nanoTime();
                assertFalse(tap.awaitReadable(Micros.ofSeconds(5)));
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos(), "the kept wake-up ended it");

                start = System.nanoTime();
                assertFalse(tap.awaitReadable(50_000));
                assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos(),
                        "both wake-ups were used up by the first wait");
            }
        }
    }

    /** The same frames through JNA, the path taken when the shim cannot load. */
    @Nested
    @RealPeer(tools = "ping")
    class AttachedToTap0ThroughJna extends AttachedToTap0 {
        @Override
        TapInterface open(NetworkNamespace ns) {
            return openTap(ns, OFFLOADS, false);
        }
    }

    /** A tap without offloads (--no-offload): no header before the frames, through the shim. */
    @Nested
    @RealPeer(tools = "ping")
    class AttachedToTap0WithoutOffloads extends AttachedToTap0 {
        @Override
        TapInterface open(NetworkNamespace ns) {
            return openTap(ns, 0, true);
        }

        @Override
        ChecksumCapabilities checksums() {
            return DeviceCapabilities.ethernet(1500).checksums();
        }
    }

    @Nested
    @RealPeer(tools = "ping")
    class AttachedToTap0WithoutOffloadsThroughJna extends AttachedToTap0WithoutOffloads {
        @Override
        TapInterface open(NetworkNamespace ns) {
            return openTap(ns, 0, false);
        }
    }

    @Nested
    @RealPeer(tools = "ping")
    class WaitingThroughJna extends Waiting {
        @Override
        TapInterface open(NetworkNamespace ns) {
            return openTap(ns, OFFLOADS, false);
        }
    }

    @Nested
    class RefusingToOpen {

        @Test
        void withoutTheTunDriverSaysToLoadIt() {
            Path missing = Path.of("/nonexistent/net/tun");
            DeviceOpenException failure = assertThrows(DeviceOpenException.class, () -> TapInterface.open(TAP, missing));
            assertEquals(Reason.NO_TUN_DEVICE, failure.reason());
            assertEquals(TAP, failure.interfaceName());
            assertEquals("cannot open tap0: there is no /nonexistent/net/tun (No such file or directory (ENOENT)).\n"
                    + "The tun/tap driver is not loaded. Load it, then try again:\n"
                    + "    sudo modprobe tun", failure.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a-name-too-long0", "tap/0", "tap 0", "eth0:1", ".."})
        void aNameNoInterfaceCanHaveIsRefusedBeforeAnySystemCall(String name) {
            DeviceOpenException failure = assertThrows(DeviceOpenException.class,
                    () -> TapInterface.open(name, Path.of("/nonexistent/net/tun")));
            assertEquals(Reason.INVALID_NAME, failure.reason());
            assertTrue(failure.getMessage().startsWith("cannot open \"" + name + "\": not an interface name: "),
                    failure.getMessage());
        }

        @Nested
        @RealPeer(tools = {"setpriv", "mknod"})
        class InANamespace {

            @Test
            void whenAnotherDescriptorHoldsTheTapItIsBusyAndTheHolderIsNamed(NetworkNamespace ns) {
                try (TapInterface first = openTap(ns)) {
                    assertEquals(TAP, first.name());
                    DeviceOpenException failure = openFailure(ns, TAP);
                    assertEquals(Reason.BUSY, failure.reason());
                    String message = failure.getMessage();
                    assertTrue(message.startsWith("cannot open tap0: it is busy (TUNSETIFF: Device or resource busy (EBUSY)):"
                            + " a tap has one reader at a time, and a tap named tap0 is open in process "), message);
                    assertTrue(message.contains(ProcessHandle.current().pid() + " (java)"), message);
                    assertTrue(message.endsWith("End that program, or give jnetlab a tap of its own."), message);
                }
            }

            @Test
            void theLoopbackInterfaceIsNotATap(NetworkNamespace ns) {
                DeviceOpenException failure = openFailure(ns, "lo");
                assertEquals(Reason.NOT_A_TAP, failure.reason());
                assertEquals("cannot open lo: lo is not a tap; it is the loopback interface.\n"
                        + "To attach to lo itself, use a raw socket (jnetlab --raw lo); for a tap, make one:\n"
                        + setupLines("tap0", USER), failure.getMessage());
            }

            @Test
            void aVethIsNotATapAndCanBeUsedThroughARawSocket(NetworkNamespace ns) {
                ns.exec("ip", "link", "add", "veth0", "type", "veth", "peer", "name", "veth1").assertSuccess();
                DeviceOpenException failure = openFailure(ns, "veth0");
                assertEquals(Reason.NOT_A_TAP, failure.reason());
                assertEquals("cannot open veth0: veth0 is not a tap; it is a veth interface.\n"
                        + "To attach to veth0 itself, use a raw socket (jnetlab --raw veth0); for a tap, make one:\n"
                        + setupLines("tap0", USER), failure.getMessage());
            }

            @Test
            void aTunModeDeviceIsNotATapAndIsMadeAgainAsOne(NetworkNamespace ns) {
                ns.exec("ip", "tuntap", "add", "name", "tun0", "mode", "tun").assertSuccess();
                DeviceOpenException failure = openFailure(ns, "tun0");
                assertEquals(Reason.NOT_A_TAP, failure.reason());
                assertEquals("cannot open tun0: tun0 is not a tap; it is a tun-mode device: it carries IP packets"
                        + " with no Ethernet header, and jnetlab needs a tap, which carries Ethernet frames.\n"
                        + "Make it again as a tap:\n"
                        + "    sudo ip tuntap del name tun0 mode tun\n"
                        + setupLines("tun0", USER), failure.getMessage());
            }

            @Test
            void aTapThatDoesNotExistIsNotMadeButTheCommandsThatMakeItAreShown(NetworkNamespace ns) {
                DeviceOpenException failure = openFailure(ns, "tap7");
                assertEquals(Reason.NO_SUCH_INTERFACE, failure.reason());
                assertEquals("cannot open tap7: there is no interface named tap7 (in this network namespace)."
                        + " Make it:\n" + setupLines("tap7", USER), failure.getMessage());
                String links = ns.exec("ip", "-o", "link", "show").assertSuccess().stdout();
                assertFalse(links.contains("tap7"), "no transient tap was made: " + links);
            }

            @Test
            void anotherUsersTapIsRefusedWithTheCommandsThatMakeItYours(NetworkNamespace ns, @TempDir Path scratch)
                    throws IOException {
                ns.exec("ip", "tuntap", "add", "name", "tap9", "mode", "tap", "user", "0").assertSuccess();
                // /dev/net/tun is often root-only on test hosts; a node of the same device that
                // anybody may open lets the kernel's own TUNSETIFF check (tun_not_capable) speak.
                Path clone = cloneDevice(ns, scratch, "0666");

                PeerResult child = UnprivilegedOpen.run(ns, scratch, "tap", "tap9", clone.toString());

                assertEquals(3, child.exitCode(), child.stdout() + child.stderr());
                assertEquals("PERMISSION_DENIED\n"
                        + "cannot open tap9: permission denied (TUNSETIFF: Operation not permitted (EPERM)).\n"
                        + "tap9 belongs to another user, and opening it needs CAP_NET_ADMIN."
                        + " Run jnetlab as root, or make tap9 yours:\n"
                        + "    sudo ip tuntap del name tap9 mode tap\n"
                        + setupLines("tap9", "nobody") + "\n", child.stdout());
            }

            @Test
            void aCloneDeviceTheUserMayNotOpenIsRefusedWithTheWayToAllowIt(NetworkNamespace ns, @TempDir Path scratch)
                    throws IOException {
                Path clone = cloneDevice(ns, scratch, "0600");

                PeerResult child = UnprivilegedOpen.run(ns, scratch, "tap", TAP, clone.toString());

                assertEquals(3, child.exitCode(), child.stdout() + child.stderr());
                assertEquals("PERMISSION_DENIED\n"
                        + "cannot open tap0: no permission to open " + clone + " (mode rw-------, owner root)"
                        + " (Permission denied (EACCES)).\n"
                        + "Run jnetlab as root, or let users open the taps they own, as most distributions do:\n"
                        + "    sudo chmod 0666 " + clone + "\n"
                        + "and make tap0 yours:\n"
                        + setupLines(TAP, "nobody") + "\n", child.stdout());
            }

            /** A device node for the tun clone device (character 10:200, devices.txt) with the given mode. */
            private Path cloneDevice(NetworkNamespace ns, Path scratch, String mode) {
                Path node = scratch.resolve("tun");
                ns.exec("mknod", "-m", mode, node.toString(), "c", "10", "200").assertSuccess();
                assertTrue(Files.exists(node));
                return node;
            }
        }
    }

    @Nested
    @RealPeer
    class Closing {

        @Test
        void detachesSoTheTapCanBeOpenedAgain(NetworkNamespace ns) {
            openTap(ns).close();
            try (TapInterface again = openTap(ns)) {
                assertEquals(TAP, again.name());
            }
        }

        @Test
        void leavesADeviceThatRefusesUseAndIgnoresWakeUps(NetworkNamespace ns) {
            TapInterface tap = openTap(ns);
            tap.close();
            tap.close();
            tap.wakeUp();
            assertThrows(IllegalStateException.class, () -> Receiving.next(tap));
            assertThrows(IllegalStateException.class, () -> tap.transmit(0, 60, (buffer, offset, length) -> { }));
            assertThrows(IllegalStateException.class, () -> tap.awaitReadable(0));
        }
    }

    @Nested
    @RealPeer
    class PerFrame {
        private static final int WARM_UP = 2_000;
        private static final int ROUND_TRIPS = 10_000;

        /**
         * 10 000 echo requests out and 10 000 echo replies in, through the kernel: the
         * allocation counter of this thread (ThreadMXBean) barely moves. A 16-octet object per
         * frame would add 320 000 octets.
         */
        @Test
        void receivingAndTransmittingAllocateNothing(NetworkNamespace ns) {
            allocateNothing(ns, true);
        }

        @Test
        void receivingAndTransmittingThroughJnaAllocateNothing(NetworkNamespace ns) {
            allocateNothing(ns, false);
        }

        private void allocateNothing(NetworkNamespace ns, boolean shim) {
            ns.exec("ip", "link", "set", TAP, "address", "02:00:00:00:00:02").assertSuccess();
            ns.exec("ip", "neigh", "add", NetworkNamespace.STACK_ADDRESS, "lladdr", "02:00:00:00:00:01",
                    "dev", TAP, "nud", "permanent").assertSuccess();
            byte[] request = KernelFrames.echoRequest(HOST_MAC, STACK_MAC, STACK_IP, HOST_IP, 98);
            FrameFiller filler = (buffer, offset, length) -> System.arraycopy(request, 0, buffer, offset, length);
            Counter replies = new Counter();

            try (TapInterface tap = openTap(ns, OFFLOADS, shim)) {
                roundTrips(tap, filler, replies, WARM_UP);
                long allocated = AllocationMeter.minimumBytesAllocatedBy(
                        () -> roundTrips(tap, filler, replies, ROUND_TRIPS), 1);

                assertEquals(WARM_UP + ROUND_TRIPS, replies.frames, "every request was answered");
                assertTrue(allocated < 32 * 1024, allocated + " octets allocated for " + 2 * ROUND_TRIPS + " frames");
            }
        }

        private void roundTrips(TapInterface tap, FrameFiller filler, Counter replies, int count) {
            for (int i = 0; i < count; i++) {
                assertTrue(tap.transmit(0, 98, filler));
                int before = replies.frames;
                while (replies.frames == before) {
                    if (!tap.receive(0, replies) && !tap.awaitReadable(Micros.PER_SECOND)) {
                        throw new AssertionError("no echo reply within a second, round trip " + i);
                    }
                }
            }
        }
    }

    /** Counts received frames; one instance serves every frame. */
    private static final class Counter implements FrameReceiver {
        int frames;

        @Override
        public void receive(byte[] frame, int offset, int length) {
            frames++;
        }
    }

    /** Finds the thread that waits, by its name, and watches it block in the kernel. */
    static final class WaitingThreads {
        static final String NAME = "jnetlab-waiter";

        private WaitingThreads() {
        }

        /**
         * Returns once a thread named {@link #NAME} sleeps in poll: its /proc wchan (the kernel
         * function it sleeps in, proc(5)) names a poll function. Checks every millisecond for
         * at most five seconds.
         */
        static void awaitBlockedInPoll() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (Path task : list(Path.of("/proc/self/task"))) {
                    if (read(task.resolve("comm")).equals(NAME) && read(task.resolve("wchan")).contains("poll")) {
                        return;
                    }
                }
                Thread.sleep(1);
            }
            throw new AssertionError("no thread named " + NAME + " blocked in poll within 5 s");
        }

        private static List<Path> list(Path directory) throws IOException {
            try (var entries = Files.list(directory)) {
                return entries.toList();
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                return ""; // the task ended while we looked
            }
        }
    }
}
