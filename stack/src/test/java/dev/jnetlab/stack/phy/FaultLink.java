package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.phy.TestFrames.Numbered;
import dev.jnetlab.stack.phy.TestFrames.Recorder;
import dev.jnetlab.stack.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack's view of a fault injector on a virtual wire: the test plays the stack on the
 * injector's side and the peer at the wire's far end, on a virtual clock.
 * <pre>
 *   stack (test) ⇄ FaultInjector ⇄ wire.a() ⇄ wire.b() ⇄ peer (test)
 * </pre>
 * tx is what the stack sends through the injector; rx is what the peer sends back to it.
 */
final class FaultLink {
    final VirtualClock clock = new VirtualClock();
    final VirtualWire wire;
    final FaultInjector injector;
    /** Every fault reported, as its line. */
    final List<String> faults = new ArrayList<>();
    final List<FaultEvent.Kind> kinds = new ArrayList<>();
    /** The delay of every {@link FaultEvent.Kind#DELAYED} fault, in order. */
    final List<Long> delays = new ArrayList<>();
    final Numbered fromStack = new Numbered(TestFrames.MIN_LEN);
    final Numbered fromPeer = new Numbered(TestFrames.MIN_LEN);
    final Recorder atStack = new Recorder();
    final Recorder atPeer = new Recorder();

    FaultLink(FaultConfig config, long seed) {
        this(config, seed, FaultInjector.DEFAULT_QUEUE_CAPACITY, 4096);
    }

    FaultLink(FaultConfig config, long seed, int queueCapacity, int wireCapacity) {
        wire = new VirtualWire(1500, 0, wireCapacity);
        injector = new FaultInjector(wire.a(), config, seed, queueCapacity);
        injector.setListener(event -> {
            faults.add(event.toString());
            kinds.add(event.kind());
            if (event.kind() == FaultEvent.Kind.DELAYED) {
                delays.add(event.delay());
            }
        });
    }

    /** The stack sends {@code frames} numbered frames now; returns how many the injector took. */
    int send(int frames) {
        int taken = 0;
        for (int i = 0; i < frames; i++) {
            if (fromStack.sendThrough(injector, clock.now())) {
                taken++;
            }
        }
        return taken;
    }

    /** The peer sends {@code frames} numbered frames now. */
    void peerSends(int frames) {
        for (int i = 0; i < frames; i++) {
            fromPeer.sendThrough(wire.b(), clock.now());
        }
    }

    /** One event-loop poll now: the stack takes everything the injector gives, then the peer reads the wire. */
    void poll() {
        atStack.drain(injector, clock.now());
        atPeer.drain(wire.b(), clock.now());
    }

    long count(FaultEvent.Kind kind) {
        return kinds.stream().filter(kind::equals).count();
    }

    /** Moves the clock to {@code at} and polls. */
    void pollAt(long at) {
        clock.advanceTo(at);
        poll();
    }
}
