package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;

/**
 * Two networks and a router between them, on one virtual clock: station a (192.168.1.10) on
 * port 0 (192.168.1.1/24), station b (10.0.2.20) on port 1 (10.0.2.1/24), each wire without
 * latency, so a frame sent is there by the next poll.
 */
class TwoNetworks {
    static final MacAddress PORT0_MAC = MacAddress.parse("02:00:00:00:01:00");
    static final MacAddress PORT1_MAC = MacAddress.parse("02:00:00:00:01:01");
    static final Ipv4Address PORT0_IP = Ipv4Address.parse("192.168.1.1");
    static final Ipv4Address PORT1_IP = Ipv4Address.parse("10.0.2.1");

    final VirtualClock clock = new VirtualClock();
    final VirtualWire wireA;
    final VirtualWire wireB;
    final Router router = new Router("r1");
    final Station a;
    final Station b;

    TwoNetworks() {
        this(1500);
    }

    TwoNetworks(int mtuB) {
        wireA = new VirtualWire(1500, 0, 256);
        wireB = new VirtualWire(mtuB, 0, 256);
        a = new Station(wireA.a(), "02:00:00:00:00:0a", "192.168.1.10");
        b = new Station(wireB.b(), "02:00:00:00:00:0b", "10.0.2.20");
        router.addPort(wireA.b(), PORT0_MAC, new Ipv4Cidr(PORT0_IP, 24));
        router.addPort(wireB.a(), PORT1_MAC, new Ipv4Cidr(PORT1_IP, 24));
    }

    /** Polls everyone until no frame is left in flight at this instant. */
    void settle() {
        for (int i = 0; i < 8; i++) {
            router.poll(clock.now());
            a.poll(clock.now());
            b.poll(clock.now());
        }
    }

    /** Moves the clock from the router's deadline to deadline for {@code micros}, settling at each. */
    void run(long micros) {
        long end = clock.now() + micros;
        settle();
        while (router.pollAt(clock.now()) <= end) {
            clock.advanceTo(Math.max(clock.now(), router.pollAt(clock.now())));
            settle();
        }
        clock.advanceTo(end);
        settle();
    }

    void fromA(byte[] datagram) {
        a.send(clock.now(), PORT0_MAC, datagram);
        settle();
    }

}
