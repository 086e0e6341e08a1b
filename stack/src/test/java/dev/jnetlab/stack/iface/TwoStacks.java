package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.function.BooleanSupplier;

/**
 * Two interfaces joined by a {@link VirtualWire}, driven on one {@link VirtualClock}: host A
 * (192.168.69.1) and host B (192.168.69.2). {@link #runUntil} polls both and jumps the clock
 * to the earlier of their next deadlines, as an event loop would, without any real waiting.
 */
final class TwoStacks {
    static final Ipv4Address A_IP = Ipv4Address.parse("192.168.69.1");
    static final Ipv4Address B_IP = Ipv4Address.parse("192.168.69.2");

    final VirtualClock clock = new VirtualClock();
    final VirtualWire wire;
    final Interface a;
    final Interface b;
    final SocketSet aSockets = new SocketSet(1);
    final SocketSet bSockets = new SocketSet(2);

    TwoStacks() {
        this(1500, 100);
    }

    TwoStacks(int mtu, long latencyMicros) {
        wire = new VirtualWire(mtu, latencyMicros, VirtualWire.DEFAULT_CAPACITY);
        a = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:0a"), new Ipv4Cidr(A_IP, 24)).withSeed(1));
        b = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:0b"), new Ipv4Cidr(B_IP, 24)).withSeed(2));
    }

    void pollBoth() {
        long now = clock.now();
        a.poll(now, wire.a(), aSockets);
        b.poll(now, wire.b(), bSockets);
    }

    /**
     * Polls both hosts until {@code done}, jumping the clock from deadline to deadline, for at
     * most {@code timeoutMicros} of stack time; returns whether {@code done} came true.
     */
    boolean runUntil(BooleanSupplier done, long timeoutMicros) {
        long deadline = Micros.plus(clock.now(), timeoutMicros);
        for (int round = 0; round < 1_000_000; round++) {
            pollBoth();
            if (done.getAsBoolean()) {
                return true;
            }
            long now = clock.now();
            long next = Math.min(a.pollAt(now, wire.a(), aSockets), b.pollAt(now, wire.b(), bSockets));
            if (next > deadline) {
                clock.advanceTo(Math.max(now, deadline));
                pollBoth();
                return done.getAsBoolean();
            }
            clock.advanceTo(Math.max(now, next));
        }
        throw new AssertionError("the two stacks never settled");
    }

    /** Polls until nothing is due before {@code now + micros}, then moves the clock there. */
    void idle(long micros) {
        runUntil(() -> false, micros);
    }
}
