package dev.jnetlab.commands.bench;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.host.Host;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.InterfaceStats;
import dev.jnetlab.host.settings.BufferCeiling;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.SystemClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", customSynopsis = "bench tcp-reader | bench tcp-writer | bench loopback   [--bytes N]",
        description = "Measures throughput as smoltcp's benchmarks do: the kernel reads from (tcp-reader, port 1234) "
                + "or writes to (tcp-writer, port 1235) this host over the tap, or two private stacks talk over an "
                + "in-memory wire (loopback). Prints Gbps, segments, octets allocated per segment on the stack's "
                + "thread and garbage collections.",
        footer = {"bench tcp-reader", "bench tcp-writer --bytes 64M", "bench loopback --mtu 1500",
            "sudo bench/run   (a namespace with tap0, every benchmark several times)"},
        subcommands = {BenchCommand.TcpReader.class, BenchCommand.TcpWriter.class, BenchCommand.Loopback.class})
public final class BenchCommand {
    /** smoltcp's benchmark moves 1 GB. */
    static final String DEFAULT_BYTES = "1G";
    /** smoltcp's benchmark sockets have 64 KiB buffers. */
    static final String DEFAULT_BUFFER = "64K";
    static final long MAX_BYTES = 1L << 40;
    /** A transfer that moves nothing for this long on the stack's clock has stalled. */
    static final long STALL = Micros.ofSeconds(10);

    static long bytes(String text) throws CommandException {
        return Arguments.octets("--bytes", text, 1, MAX_BYTES);
    }

    static int buffer(String text) throws CommandException {
        return (int) Arguments.octets("--buffer", text, 1024, BufferCeiling.OCTETS);
    }

    /** Against the kernel over the tap: the stack serves, a {@link KernelClient} in this process connects. */
    abstract static class KernelBench implements ConsoleCommand {
        @Option(names = "--bytes", paramLabel = "N", description = "octets to transfer: 1G (default), 64M, 65536")
        private String bytes = DEFAULT_BYTES;
        @Option(names = "--buffer", paramLabel = "SIZE",
                description = "the send and receive buffers of this host's socket: 64K (default); larger ones use window scaling")
        private String buffer = DEFAULT_BUFFER;

        private final String name;
        private final BenchServer.Role role;
        private final int port;

        KernelBench(String name, BenchServer.Role role, int port) {
            this.name = name;
            this.role = role;
            this.port = port;
        }

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            long octets = bytes(bytes);
            int size = buffer(buffer);
            BenchServer server = new BenchServer(role, port, size, octets);
            Start start = session.stack((network, now) -> {
                if (network.isVirtual()) {
                    throw new CommandException("bench " + name + " needs a tap, as the kernel is its client: "
                            + "sudo bench/run makes one in a namespace of its own (or: jnetlab tap0 -c 'bench " + name + "')");
                }
                Host host = network.local();
                if (host.service(BenchServer.NAME).isPresent()) {
                    throw new CommandException("a benchmark is running already");
                }
                try {
                    server.start(host);
                } catch (IllegalArgumentException e) {
                    throw new CommandException("port " + port + ": " + e.getMessage());
                }
                host.addService(server);
                return new Start(host.iface().addresses().get(0).address().toString(),
                        host.device().capabilities().mtu(), segments(host.iface().stats()));
            });
            long collections = Footprint.collectionsSoFar();
            InetSocketAddress stack = new InetSocketAddress(literal(start.address()), port);
            KernelClient client;
            try {
                client = role == BenchServer.Role.SEND ? KernelClient.reader(stack) : KernelClient.writer(stack, octets);
            } catch (IOException e) {
                session.stack((network, now) -> network.local().removeService(BenchServer.NAME, now));
                throw new CommandException("bench " + name + ": no kernel socket: " + e.getMessage());
            }
            Finish finish;
            try {
                finish = awaitEnd(session, server, client);
                client.join(STALL / Micros.ofSeconds(1));
            } finally {
                try {
                    client.close();
                } finally {
                    // Even when a second Ctrl-C interrupts the close: the next bench must find
                    // no server left behind.
                    session.stack((network, now) -> network.local().removeService(BenchServer.NAME, now));
                }
            }
            long moved = role == BenchServer.Role.SEND ? client.transferred() : server.transferred();
            if (!server.complete() || moved != octets) {
                throw new CommandException("bench " + name + ": the transfer ended after " + moved + " of " + octets
                        + " octets" + (client.failure() == null ? "" : " (the kernel's side: " + client.failure() + ")"));
            }
            Footprint cost = new Footprint(server.allocated(), Footprint.collectionsSoFar() - collections);
            return BenchResult.of(name, start.mtu(), size, octets, server.elapsed(), finish.segments() - start.segments(), cost);
        }

        /** Waits for the stack's side to end, the kernel's side to fail, or the transfer to stall. */
        private Finish awaitEnd(Session session, BenchServer server, KernelClient client)
                throws CommandException, InterruptedException {
            long seen = -1;
            while (true) {
                Finish finish = session.await(STALL, (network, now) -> server.ended() || client.finished()
                        ? new Finish(segments(network.local().iface().stats()))
                        : null);
                if (finish != null) {
                    return finish;
                }
                long progress = session.stack((network, now) -> server.transferred());
                if (progress == seen) {
                    throw new CommandException("bench " + name + ": the transfer stalled after " + progress + " octets"
                            + (server.started() ? "" : " (no connection from the kernel came)"));
                }
                seen = progress;
            }
        }

        private static InetAddress literal(String address) {
            try {
                return InetAddress.getByName(address); // a literal address: no name lookup
            } catch (UnknownHostException e) {
                throw new IllegalStateException("not an address: " + address, e);
            }
        }
    }

    /** TCP segments on the wire both ways, as the interface counted them. */
    static long segments(InterfaceStats stats) {
        return stats.get(InterfaceCounter.TCP_IN) + stats.get(InterfaceCounter.TCP_OUT);
    }

    /** Where the run began, read on the stack's thread. */
    private record Start(String address, int mtu, long segments) {
    }

    /** Where it ended, read on the stack's thread. */
    private record Finish(long segments) {
    }

    @Command(name = "tcp-reader", customSynopsis = "bench tcp-reader [--bytes N] [--buffer SIZE]",
            description = "The kernel (a TCP socket on a thread of this process) connects over the tap to this host's port 1234 "
                    + "and reads N octets that this host sends. Needs a tap.",
            footer = {"bench tcp-reader", "bench tcp-reader --bytes 64M --buffer 1M"})
    public static final class TcpReader extends KernelBench {
        public TcpReader() {
            super("tcp-reader", BenchServer.Role.SEND, 1234);
        }
    }

    @Command(name = "tcp-writer", customSynopsis = "bench tcp-writer [--bytes N] [--buffer SIZE]",
            description = "The kernel (a TCP socket on a thread of this process) connects over the tap to this host's port 1235 "
                    + "and writes N octets that this host receives. Needs a tap.",
            footer = {"bench tcp-writer", "bench tcp-writer --bytes 64M --buffer 1M"})
    public static final class TcpWriter extends KernelBench {
        public TcpWriter() {
            super("tcp-writer", BenchServer.Role.RECEIVE, 1235);
        }
    }

    @Command(name = "loopback", customSynopsis = "bench loopback [--bytes N] [--buffer SIZE] [--mtu MTU]",
            description = "Two private stacks (not this host) on an in-memory wire, polled in turn in one thread, "
                    + "one sending N octets to the other over TCP. Needs no device.",
            footer = {"bench loopback", "bench loopback --mtu 1500 --bytes 256M"})
    public static final class Loopback implements ConsoleCommand {
        @Option(names = "--bytes", paramLabel = "N", description = "octets to transfer: 1G (default), 64M, 65536")
        private String bytes = DEFAULT_BYTES;
        @Option(names = "--buffer", paramLabel = "SIZE", description = "send and receive buffers of both sockets: 64K (default)")
        private String buffer = DEFAULT_BUFFER;
        @Option(names = "--mtu", paramLabel = "MTU",
                description = "the wire's IP MTU: 65535 (default, as smoltcp's loopback device), 1500 as Ethernet")
        private String mtu = Integer.toString(LoopbackBench.DEFAULT_MTU);

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            long octets = bytes(bytes);
            int size = buffer(buffer);
            int linkMtu = (int) Arguments.octets("--mtu", mtu, 576, LoopbackBench.DEFAULT_MTU);
            // Private objects, not the console's stack: they run on this thread, which owns them.
            return new LoopbackBench(new SystemClock(), linkMtu, size).run(octets);
        }
    }
}
