package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.phy.FrameReceiver;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An Ethernet switch that learns (IEEE 802.1D section 7.8): each frame's source address is
 * learned on the port it came in on; a frame to a known address goes out of that port only
 * (and nowhere if that is the port it came from), a frame to a group address or an unknown
 * one is flooded out of every other port. An entry not refreshed for the
 * {@linkplain #setAgeing ageing time} (802.1D's default, 300 s) is forgotten. Any
 * {@link Device} can be a port: a wire to a host, a router's port, a tap to the kernel.
 *
 * <p>Arrays sized once; a frame is copied straight from the port it came in on to the ones it
 * goes out of, so switching allocates nothing (ARCHITECTURE.md §4). Not thread-safe: the event
 * loop owns it (ARCHITECTURE.md §2).
 */
public final class LearningSwitch {
    public static final long DEFAULT_AGEING = Micros.ofSeconds(300);
    public static final int TABLE_SIZE = 1024;
    public static final int RECEIVE_BURST = 64;

    /** One learned address as {@code topo} or a test reads it. */
    public record Entry(MacAddress mac, int port, long lastSeen) {
    }

    private final String name;
    private final List<Device> ports = new ArrayList<>();
    private final long[] macs = new long[TABLE_SIZE];
    private final int[] macPorts = new int[TABLE_SIZE];
    private final long[] seen = new long[TABLE_SIZE];
    private final boolean[] used = new boolean[TABLE_SIZE];
    private final Receiver receiver = new Receiver();
    private final Copier copier = new Copier();
    private long ageing = DEFAULT_AGEING;
    private long now;
    private int ingress;
    private long flooded;
    private long forwarded;
    private long filtered;
    private long refused;

    public LearningSwitch(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    /** Adds a port; returns its number, from 0. */
    public int addPort(Device device) {
        ports.add(Objects.requireNonNull(device, "device"));
        return ports.size() - 1;
    }

    public int portCount() {
        return ports.size();
    }

    /** How long a learned address is kept without a frame from it. */
    public void setAgeing(long micros) {
        if (micros <= 0) {
            throw new IllegalArgumentException("an ageing time is positive, not " + micros + "us");
        }
        this.ageing = micros;
    }

    /** Frames sent out of every other port (group or unknown destination). */
    public long flooded() {
        return flooded;
    }

    /** Frames sent out of the one port their destination was learned on. */
    public long forwarded() {
        return forwarded;
    }

    /** Frames whose destination is on the port they came in on: not sent anywhere. */
    public long filtered() {
        return filtered;
    }

    /** Copies a port's device refused (its queue full). */
    public long refused() {
        return refused;
    }

    /** The addresses learned and not aged out at {@code now}. */
    public List<Entry> table(long now) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < TABLE_SIZE; i++) {
            if (used[i] && now - seen[i] < ageing) {
                out.add(new Entry(MacAddress.of(macs[i]), macPorts[i], seen[i]));
            }
        }
        return out;
    }

    /** Takes what each port received and switches it; returns whether a frame moved. */
    public boolean poll(long now) {
        this.now = now;
        boolean did = false;
        for (int p = 0; p < ports.size(); p++) {
            ingress = p;
            Device device = ports.get(p);
            for (int i = 0; i < RECEIVE_BURST && device.receive(now, receiver); i++) {
                did = true;
            }
        }
        return did;
    }

    /** The earliest of the ports' deadlines; ageing needs no poll, it is checked when looked up. */
    public long pollAt(long now) {
        long at = Micros.NEVER;
        for (int p = 0; p < ports.size(); p++) {
            at = Math.min(at, ports.get(p).nextDeadline(now));
        }
        return at;
    }

    private final class Receiver implements FrameReceiver {
        @Override
        public void receive(byte[] frame, int offset, int length) {
            switchFrame(frame, offset, length);
        }
    }

    private final class Copier implements FrameFiller {
        byte[] frame;
        int offset;

        @Override
        public void fill(byte[] buffer, int at, int length) {
            System.arraycopy(frame, offset, buffer, at, length);
        }
    }

    private static long mac(byte[] frame, int at) {
        long bits = 0;
        for (int i = 0; i < 6; i++) {
            bits = bits << 8 | (frame[at + i] & 0xFF);
        }
        return bits;
    }

    private void switchFrame(byte[] frame, int offset, int length) {
        if (length < 14) {
            return; // a runt: no addresses to switch by
        }
        long destination = mac(frame, offset);
        long source = mac(frame, offset + 6);
        if ((source & 0x0100_0000_0000L) == 0) {
            learn(source);
        }
        copier.frame = frame;
        copier.offset = offset;
        int out = (destination & 0x0100_0000_0000L) != 0 ? -1 : lookup(destination);
        if (out == ingress) {
            filtered++;
        } else if (out >= 0) {
            forwarded++;
            send(out, length);
        } else {
            flooded++;
            for (int p = 0; p < ports.size(); p++) {
                if (p != ingress) {
                    send(p, length);
                }
            }
        }
    }

    private void send(int port, int length) {
        Device device = ports.get(port);
        if (length > device.capabilities().maxFrameSize() || !device.transmit(now, length, copier)) {
            refused++;
        }
    }

    private int lookup(long mac) {
        for (int i = 0; i < TABLE_SIZE; i++) {
            if (used[i] && macs[i] == mac) {
                return now - seen[i] < ageing ? macPorts[i] : -1;
            }
        }
        return -1;
    }

    private void learn(long mac) {
        int free = -1;
        int oldest = -1;
        for (int i = 0; i < TABLE_SIZE; i++) {
            if (used[i] && macs[i] == mac) {
                macPorts[i] = ingress;
                seen[i] = now;
                return;
            }
            if (!used[i] || now - seen[i] >= ageing) {
                if (free < 0) {
                    free = i;
                }
            } else if (oldest < 0 || seen[i] < seen[oldest]) {
                oldest = i;
            }
        }
        int slot = free >= 0 ? free : oldest;
        used[slot] = true;
        macs[slot] = mac;
        macPorts[slot] = ingress;
        seen[slot] = now;
    }

    @Override
    public String toString() {
        return "LearningSwitch[" + name + ", " + ports.size() + " ports]";
    }
}
