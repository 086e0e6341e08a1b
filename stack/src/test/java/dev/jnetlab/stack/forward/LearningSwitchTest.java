package dev.jnetlab.stack.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.phy.FrameReceiver;
import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.testing.AllocationMeter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A switch of three ports, a wire to a station on each: what each station sees of the others' frames. */
class LearningSwitchTest {
    static final long A = MacAddress.parse("02:00:00:00:00:0a").bits();
    static final long B = MacAddress.parse("02:00:00:00:00:0b").bits();
    static final long C = MacAddress.parse("02:00:00:00:00:0c").bits();

    final LearningSwitch sw = new LearningSwitch("s1");
    final VirtualWire[] wires = {new VirtualWire(), new VirtualWire(), new VirtualWire()};
    long now;

    LearningSwitchTest() {
        for (VirtualWire wire : wires) {
            sw.addPort(wire.b());
        }
    }

    /** Station {@code port} sends a frame from {@code source} to {@code destination}. */
    void send(int port, long source, long destination) {
        byte[] frame = new byte[60];
        new EthernetFrame().wrap(frame, 0, 60).setDestination(destination).setSource(source).setEtherTypeValue(0x0800);
        wires[port].a().transmit(now, 60, (buffer, at, n) -> System.arraycopy(frame, 0, buffer, at, n));
        sw.poll(now);
    }

    /** How many frames station {@code port} has received since it last asked. */
    int received(int port) {
        int n = 0;
        while (wires[port].a().receive(now, (f, o, l) -> { })) {
            n++;
        }
        return n;
    }

    @Test
    void aFrameToAnUnknownAddressIsFloodedToEveryOtherPort() {
        send(0, A, B);
        assertEquals(List.of(0, 1, 1), List.of(received(0), received(1), received(2)));
        assertEquals(1, sw.flooded());
    }

    @Test
    void theAnswerGoesOnlyToThePortTheSourceWasLearnedOn() {
        send(0, A, B);
        received(1);
        received(2);
        send(1, B, A);
        assertEquals(List.of(1, 0, 0), List.of(received(0), received(1), received(2)));
        send(0, A, B);
        assertEquals(List.of(0, 1, 0), List.of(received(0), received(1), received(2)));
        assertEquals(2, sw.forwarded());
    }

    @Test
    void broadcastsAreFloodedEvenWhenTheSenderIsKnown() {
        send(1, B, A);
        received(0);
        received(2);
        send(0, A, MacAddress.BROADCAST.bits());
        assertEquals(List.of(0, 1, 1), List.of(received(0), received(1), received(2)));
    }

    @Test
    void aFrameForAnAddressOnThePortItCameFromIsFiltered() {
        send(0, C, B); // C is behind port 0 too (a hub there)
        received(1);
        received(2);
        send(0, A, C);
        assertEquals(List.of(0, 0, 0), List.of(received(0), received(1), received(2)));
        assertEquals(1, sw.filtered());
    }

    @Test
    void anAddressMovesToThePortItWasLastSeenOn() {
        send(0, A, B);
        send(2, A, B);
        send(1, B, A);
        assertEquals(1, received(0), "the flood from port 2 only");
        assertEquals(2, received(2), "the flood from port 0, then the answer");
    }

    @Test
    void anEntryNotRefreshedForTheAgeingTimeIsForgottenAndTheNextFrameFlooded() {
        send(1, B, A);
        received(0);
        received(2);
        now = Micros.ofSeconds(299);
        send(0, A, B);
        assertEquals(0, received(2));
        now = Micros.ofSeconds(299 + 301);
        received(1);
        send(2, C, B);
        assertEquals(1, received(0), "B aged out: flooded");
        assertEquals(List.of(MacAddress.of(C)), sw.table(now).stream().map(LearningSwitch.Entry::mac).toList(),
                "A, last seen at 299 s, has aged out too");
    }

    @Test
    void switchingAFrameAllocatesNothing() {
        send(1, B, A);
        send(0, A, B);
        received(1);
        byte[] frame = new byte[1000];
        new EthernetFrame().wrap(frame, 0, 1000).setDestination(B).setSource(A).setEtherTypeValue(0x0800);
        FrameReceiver sink = (f, o, l) -> { };
        dev.jnetlab.stack.phy.FrameFiller filler = (buffer, at, n) -> System.arraycopy(frame, 0, buffer, at, n);
        AllocationMeter.assertNoAllocationPerFrame(20_000, () -> {
            for (int i = 0; i < 20_000; i++) {
                wires[0].a().transmit(now, 1000, filler);
                sw.poll(now);
                wires[1].a().receive(now, sink);
            }
        });
    }
}
