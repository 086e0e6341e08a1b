package dev.jnetlab.stack.iface;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.stack.phy.Offloads;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.RecvError;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * TCP throughput between the stack and the kernel over tap0, with the tap's offloads
 * ({@link Offloads#CSUM_TSO4}) and without ({@link Offloads#NONE}), one direction at a time:
 * the stack sends and socat in the namespace reads into /dev/null, or socat sends
 * {@value #BYTES} octets of /dev/zero and the stack reads them. Not a test (nothing is timed
 * against a limit): it prints one line per run and the best of each, in a namespace of its
 * own that it deletes at the end. Runs alternate the modes so that the machine's changing load
 * falls on both alike. Needs root:
 * <pre>
 *   mvn -B -q -pl stack test-compile
 *   java -cp "stack/target/classes:stack/target/test-classes:$(cat cp.txt)" dev.jnetlab.stack.iface.TapTcpThroughput
 * </pre>
 * ({@code bench/tap-tcp-throughput} does both.) Each connection's sockets queue
 * {@value #BUFFER} octets each way, so the receive window is never the limit.
 */
public final class TapTcpThroughput {
    static final long BYTES = 512L << 20;
    static final int BUFFER = 4 << 20;
    static final int ROUNDS = 3;
    static final int PORT = 5001;
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private TapTcpThroughput() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "TCP over tap0, %d MiB per run, %d MiB socket queues: Java %s, Linux %s, %d CPUs%n",
                BYTES >> 20, BUFFER >> 20, System.getProperty("java.version"), System.getProperty("os.version"),
                Runtime.getRuntime().availableProcessors());
        List<String> best = new ArrayList<>();
        double[][] top = new double[2][2];
        for (int round = 0; round < ROUNDS; round++) {
            for (Offloads offloads : Offloads.values()) {
                for (boolean stackSends : new boolean[] {true, false}) {
                    double mbps = run(offloads, stackSends);
                    int o = offloads.ordinal();
                    int d = stackSends ? 0 : 1;
                    top[o][d] = Math.max(top[o][d], mbps);
                }
            }
        }
        for (Offloads offloads : Offloads.values()) {
            best.add(String.format(Locale.ROOT, "best, offloads %-9s: stack sends %7.0f Mbit/s, kernel sends %7.0f Mbit/s",
                    offloads, top[offloads.ordinal()][0], top[offloads.ordinal()][1]));
        }
        best.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "offloads/none: stack sends x%.2f, kernel sends x%.2f%n",
                top[Offloads.CSUM_TSO4.ordinal()][0] / top[Offloads.NONE.ordinal()][0],
                top[Offloads.CSUM_TSO4.ordinal()][1] / top[Offloads.NONE.ordinal()][1]);
    }

    /** One transfer in a fresh namespace; returns Mbit/s and prints the line. */
    private static double run(Offloads offloads, boolean stackSends) throws Exception {
        Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
                Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")).withSeed(1));
        SocketSet sockets = iface.newSocketSet();
        try (NetworkNamespace ns = NetworkNamespace.withTap();
             TapInterface tap = ns.inside(() -> TapInterface.open(NetworkNamespace.TAP, offloads))) {
            RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
            TcpSocket socket;
            PeerProcess peer;
            if (stackSends) {
                peer = ns.spawn("socat", "-u", "-b", "262144", "TCP-LISTEN:" + PORT + ",reuseaddr", "OPEN:/dev/null");
                awaitListening(ns);
                socket = new TcpSocket(BUFFER, BUFFER);
                SocketHandle<TcpSocket> handle = sockets.add(socket);
                iface.connect(driver.now(), sockets, handle,
                        new Endpoint(Ipv4Address.parse(NetworkNamespace.HOST_ADDRESS).bits(), PORT), 0);
                check(driver.runUntil(() -> socket.state() == TcpState.ESTABLISHED, Duration.ofSeconds(10)), "no connection");
            } else {
                SocketHandle<TcpListener> listener = sockets.add(new TcpListener(new Endpoint(0, PORT), 1,
                        () -> new TcpSocket(BUFFER, BUFFER)));
                peer = ns.spawn("socat", "-u", "-b", "262144", "OPEN:/dev/zero,readbytes=" + BYTES,
                        "TCP:" + NetworkNamespace.STACK_ADDRESS + ":" + PORT);
                SocketHandle<?>[] accepted = new SocketHandle<?>[1];
                check(driver.runUntil(() -> (accepted[0] = sockets.accept(listener).orElse(null)) != null,
                        Duration.ofSeconds(10)), "no connection");
                socket = (TcpSocket) sockets.get(accepted[0]);
            }
            Transfer transfer = new Transfer(socket, stackSends);
            long start = System.nanoTime();
            check(driver.runUntil(transfer::step, TIMEOUT), "unfinished: " + transfer.moved + " octets");
            check(driver.runUntil(() -> !peer.isAlive(), Duration.ofSeconds(30)), "socat did not end");
            double seconds = (System.nanoTime() - start) / 1e9;
            double mbps = BYTES * 8 / seconds / 1e6;
            System.out.printf(Locale.ROOT, "offloads %-9s %-12s %6.0f Mbit/s (%.2f s; %d TSO frames out, %d GSO frames in)%n",
                    offloads, stackSends ? "stack sends" : "kernel sends", mbps, seconds, tap.tsoFramesSent(),
                    tap.gsoFramesReceived());
            peer.close();
            return mbps;
        }
    }

    /** The stack's application: sends {@link #BYTES} octets and closes, or reads until the peer's FIN. */
    private static final class Transfer {
        private final TcpSocket socket;
        private final boolean sending;
        private final byte[] buffer = new byte[1 << 20];
        private long moved;
        private boolean done;

        Transfer(TcpSocket socket, boolean sending) {
            this.socket = socket;
            this.sending = sending;
            new Random(1).nextBytes(buffer);
        }

        boolean step() {
            try {
                if (sending) {
                    while (!done && socket.maySend()) {
                        int n = socket.send(buffer, 0, (int) Math.min(buffer.length, BYTES - moved));
                        moved += n;
                        if (moved == BYTES) {
                            socket.close();
                            done = true;
                        } else if (n == 0) {
                            break;
                        }
                    }
                    return done && (socket.state() == TcpState.CLOSED || socket.state() == TcpState.TIME_WAIT
                            || socket.state() == TcpState.FIN_WAIT_2);
                }
                while (!done) {
                    int n;
                    try {
                        n = socket.recv(buffer, 0, buffer.length);
                    } catch (TcpException.Recv e) {
                        check(e.error() == RecvError.FINISHED, "the connection failed: " + socket.closeReason());
                        done = true;
                        break;
                    }
                    if (n == 0) {
                        break;
                    }
                    moved += n;
                }
                return done;
            } catch (TcpException.Send e) {
                throw new IllegalStateException("cannot send: " + socket.closeReason(), e);
            }
        }
    }

    private static void awaitListening(NetworkNamespace ns) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!ns.exec("ss", "-ltnH", "sport = :" + PORT).assertSuccess().stdout().isBlank()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("socat does not listen");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }
}
