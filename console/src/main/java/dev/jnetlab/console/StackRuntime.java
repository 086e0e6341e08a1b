package dev.jnetlab.console;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.console.LaunchOptions.Attachment;
import dev.jnetlab.console.LaunchOptions.Launch;
import dev.jnetlab.console.LaunchOptions.UsageException;
import dev.jnetlab.console.loop.ConditionWaiter;
import dev.jnetlab.console.loop.DeviceWaiter;
import dev.jnetlab.console.loop.EventLoop;
import dev.jnetlab.console.loop.Waiter;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.host.Output;
import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.host.topology.TopologyFileException;
import dev.jnetlab.host.topology.TopologySpec;
import dev.jnetlab.host.topology.TopologyYaml;
import dev.jnetlab.stack.phy.CaptureFileException;
import dev.jnetlab.stack.phy.DeviceOpenException;
import dev.jnetlab.stack.phy.Offloads;
import dev.jnetlab.stack.phy.PcapFile;
import dev.jnetlab.stack.phy.RawSocket;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.time.Clock;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.SystemClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The stack of one run of {@code jnetlab}: the network on the chosen device, and the event
 * loop (its own thread) that drives it in real time. Made from the command line; closed when
 * the console ends, sockets first, so that the device and the terminal are left as found.
 * A tap's offloads are also put back by a shutdown hook, for a JVM that a signal ends
 * (SIGTERM, or SIGINT when no terminal takes Ctrl-C) without running the console's close.
 */
final class StackRuntime implements AutoCloseable {
    private final Network network;
    private final EventLoop loop;
    private final AutoCloseable device;
    /** Restores the tap when the JVM ends without {@link #close()}; null for other devices. */
    private final Thread restoreOnExit;

    private StackRuntime(Network network, EventLoop loop, AutoCloseable device, Thread restoreOnExit) {
        this.network = network;
        this.loop = loop;
        this.device = device;
        this.restoreOnExit = restoreOnExit;
    }

    /**
     * Opens the device, builds the network and starts the loop.
     *
     * @param output  where trace lines and other output of the stack go
     * @param crashes what to do with an exception from a poll (a bug)
     * @throws DeviceOpenException when the tap or raw socket cannot be opened (exit status 3)
     * @throws UsageException      when the options cannot work together (exit status 2)
     */
    static StackRuntime start(Launch launch, Output output, Consumer<Throwable> crashes)
            throws DeviceOpenException, UsageException {
        SystemClock clock = new SystemClock();
        long epoch = Math.multiplyExact(System.currentTimeMillis(), Micros.PER_MILLI) - clock.now();
        long seed = launch.seed().orElseGet(() -> new SplittableRandom().nextLong());
        NetworkConfig config = new NetworkConfig(launch.ip(), launch.mac(), launch.gateway(), launch.faults(), seed, epoch);
        AutoCloseable device = null;
        Thread restoreOnExit = null;
        Network network;
        Waiter waiter;
        try {
            if (launch.attachment() instanceof Attachment.Tap tap) {
                TapInterface opened = TapInterface.open(tap.name(), tap.offloads());
                device = opened;
                restoreOnExit = new Thread(opened::restore, "restore " + tap.name());
                Runtime.getRuntime().addShutdownHook(restoreOnExit);
                network = Network.attached(config, opened, tap.name(), "tap " + tap.name(), output);
                waiter = new DeviceWaiter(opened);
            } else if (launch.attachment() instanceof Attachment.Raw raw) {
                RawSocket opened = RawSocket.open(raw.iface());
                device = opened;
                network = Network.attached(config, opened, raw.iface(), "raw socket on " + raw.iface(), output);
                waiter = new DeviceWaiter(opened);
            } else if (launch.topology().isPresent()) {
                // A tap node is the kernel on a plain tap (no virtio-net header, no offloads: the
                // links carry wire frames), which the open leaves as a wire expects, so there is
                // nothing to put back but the descriptor; the loop sleeps on it.
                TapInterface[] tap = new TapInterface[1];
                try {
                    network = Network.topology(config, topologySpec(launch.topology().get()), clock, output, name -> {
                        tap[0] = TapInterface.open(name, Offloads.NONE);
                        return tap[0];
                    });
                } finally {
                    device = tap[0];
                }
                waiter = tap[0] == null ? new ConditionWaiter() : new DeviceWaiter(tap[0]);
            } else {
                network = Network.virtual(config, output);
                waiter = new ConditionWaiter();
            }
            if (launch.pcap().isPresent()) {
                network.link().capture().start(PcapFile.create(launch.pcap().get(), epoch));
            }
            if (launch.ip6().isPresent()) {
                // A second --ip: as 'ip add fd00::1/64' would, before the loop starts (IPv6 on, the peer's too).
                network.enableIpv6();
                network.local().iface().addAddress(launch.ip6().get().address(), launch.ip6().get().prefixLength());
            }
        } catch (IllegalArgumentException e) {
            closeQuietly(device, restoreOnExit);
            throw new UsageException(e.getMessage());
        } catch (CaptureFileException e) {
            closeQuietly(device, restoreOnExit);
            throw new UsageException("--pcap: " + e.getMessage());
        }
        // A topology's event loop runs on its simulation clock, which can pause, step and slow down.
        Clock loopClock = network.simulationClock().map(c -> (Clock) c).orElse(clock);
        EventLoop loop = new EventLoop("stack", loopClock, waiter, network, crashes).start();
        return new StackRuntime(network, loop, device, restoreOnExit);
    }

    /** A built-in topology's spec, or the one in the file {@code name}. */
    private static TopologySpec topologySpec(String name) throws UsageException {
        Optional<TopologySpec> builtin = BuiltinTopologies.named(name);
        if (builtin.isPresent()) {
            return builtin.get();
        }
        Path file = Path.of(name);
        if (!Files.exists(file)) {
            throw new UsageException("--topology " + name + ": neither a built-in topology ("
                    + String.join(", ", BuiltinTopologies.NAMES) + ") nor a file");
        }
        try {
            return TopologyYaml.read(file);
        } catch (TopologyFileException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Closes the device (which restores a tap) and forgets its shutdown hook, when the JVM is not ending already. */
    private static void closeQuietly(AutoCloseable device, Thread restoreOnExit) {
        closeQuietly(device);
        if (restoreOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway, and finds the tap restored
            }
        }
    }

    private static void closeQuietly(AutoCloseable device) {
        if (device != null) {
            try {
                device.close();
            } catch (Exception ignored) {
                // opening failed already; that is what the person hears about
            }
        }
    }

    /** A session of commands over this stack. */
    Session session(Output output) {
        return new Session(loop, output, network);
    }

    /** How long quit waits for connections to finish their closing handshake before aborting them. */
    static final long CLOSE_WAIT_MICROS = Micros.ofSeconds(2);
    /** How long it then waits for the RSTs of the aborts to go out. */
    static final long ABORT_WAIT_MICROS = Micros.ofMillis(200);

    /**
     * Closes every socket and service and a running capture, on the stack's thread: TCP connections
     * gracefully (a FIN, then up to {@link #CLOSE_WAIT_MICROS} for the handshake, then an abort); returns what
     * went wrong with the capture, if anything.
     */
    Optional<String> closeSockets(Session session) {
        try {
            session.stack((net, now) -> {
                net.beginClose(now);
                return null;
            });
            if (session.await(CLOSE_WAIT_MICROS, (net, now) -> net.closeSettled() ? Boolean.TRUE : null) == null) {
                session.stack((net, now) -> {
                    net.abortUnsettled();
                    return null;
                });
                session.await(ABORT_WAIT_MICROS, (net, now) -> net.closeSettled() ? Boolean.TRUE : null);
            }
            return session.stack((net, now) -> net.finishClose(now));
        } catch (CommandException | InterruptedException | RuntimeException e) {
            return Optional.of("closing the sockets: " + e.getMessage());
        }
    }

    /** Stops the loop, then closes the device. */
    @Override
    public void close() throws InterruptedException {
        loop.close();
        closeQuietly(device, restoreOnExit);
    }
}
