package dev.jnetlab.host.plot;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.wire.TcpFlags;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a connection's samples into the charts teachers draw (Stevens' TCP/IP Illustrated,
 * tcptrace): the time-sequence graph of the plotted end's sending, and its congestion state.
 * Times are seconds since the first sample; sequence numbers count from the plotted end's ISN
 * (its SYN's seq, or its first seq when the SYN was not seen), modulo 2^32.
 */
public final class Plots {
    private static final double MICROS = 1_000_000.0;

    private Plots() {
    }

    /**
     * The time-sequence graph: each segment sent as a bar from its first to its last sequence
     * number, in the ink of its mark (retransmission, fast retransmit, SACK/RACK, TLP); the ACK
     * line and the receive window's right edge (ACK + window) as steps; each SACK block received
     * as a bar at its range.
     */
    public static Chart timeSequence(String title, List<Sample> samples) {
        Map<Ink, List<Chart.Bar>> bars = new EnumMap<>(Ink.class);
        List<Chart.Point> acks = new ArrayList<>();
        List<Chart.Point> windows = new ArrayList<>();
        List<Chart.Bar> sacks = new ArrayList<>();
        if (!samples.isEmpty()) {
            long t0 = samples.get(0).time();
            int base = base(samples);
            for (Sample s : samples) {
                double x = (s.time() - t0) / MICROS;
                int space = s.length() + ((s.flags() & TcpFlags.SYN) != 0 ? 1 : 0) + ((s.flags() & TcpFlags.FIN) != 0 ? 1 : 0);
                if (s.direction() == Direction.TX) {
                    if (space > 0) {
                        double low = relative(s.seq(), base);
                        bars.computeIfAbsent(Ink.of(s.mark()), k -> new ArrayList<>()).add(new Chart.Bar(x, low, low + space));
                    }
                } else if ((s.flags() & TcpFlags.ACK) != 0) {
                    double ack = relative(s.ack(), base);
                    acks.add(new Chart.Point(x, ack));
                    windows.add(new Chart.Point(x, ack + s.window()));
                    for (Sample.SackBlock block : s.sacks()) {
                        double left = relative(block.left(), base);
                        sacks.add(new Chart.Bar(x, left, left + (block.right() - block.left() & 0xFFFF_FFFFL)));
                    }
                }
            }
        }
        List<Chart.Layer> layers = new ArrayList<>();
        layers.add(new Chart.Steps(Ink.WINDOW, windows));
        layers.add(new Chart.Steps(Ink.ACK, acks));
        layers.add(new Chart.Bars(Ink.SACK, sacks));
        for (Ink ink : List.of(Ink.DATA, Ink.RETRANSMISSION, Ink.FAST_RETRANSMIT, Ink.RACK, Ink.TLP)) {
            layers.add(new Chart.Bars(ink, bars.getOrDefault(ink, List.of())));
        }
        return new Chart(title, "s", "sequence (octets from ISN)", layers);
    }

    /**
     * The congestion state over time: cwnd, ssthresh (while below a gigaoctet: before the first
     * loss it is "infinite", RFC 5681 §3.1) and octets in flight in one chart; SRTT and RTO in
     * another, in milliseconds. From a capture, which has no socket to read, only the octets in
     * flight as the wire shows them (highest sequence sent minus highest ACK received).
     */
    public static List<Chart> congestion(String title, List<Sample> samples) {
        List<Chart.Point> cwnd = new ArrayList<>();
        List<Chart.Point> ssthresh = new ArrayList<>();
        List<Chart.Point> inFlight = new ArrayList<>();
        List<Chart.Point> srtt = new ArrayList<>();
        List<Chart.Point> rto = new ArrayList<>();
        if (!samples.isEmpty()) {
            long t0 = samples.get(0).time();
            int base = base(samples);
            double highestSent = 0;
            double highestAck = 0;
            for (Sample s : samples) {
                double x = (s.time() - t0) / MICROS;
                if (s.congestion().isPresent()) {
                    Sample.Congestion c = s.congestion().get();
                    cwnd.add(new Chart.Point(x, c.cwnd()));
                    if (c.ssthresh() < 1L << 30) {
                        ssthresh.add(new Chart.Point(x, c.ssthresh()));
                    }
                    inFlight.add(new Chart.Point(x, c.inFlight()));
                    if (c.srtt() > 0) {
                        srtt.add(new Chart.Point(x, c.srtt() / 1000.0));
                    }
                    rto.add(new Chart.Point(x, c.rto() / 1000.0));
                } else {
                    if (s.direction() == Direction.TX) {
                        highestSent = Math.max(highestSent, relative(s.seq(), base) + s.length());
                    } else if ((s.flags() & TcpFlags.ACK) != 0) {
                        highestAck = Math.max(highestAck, relative(s.ack(), base));
                    }
                    inFlight.add(new Chart.Point(x, Math.max(0, highestSent - highestAck)));
                }
            }
        }
        Chart window = new Chart(title + ": congestion window", "s", "octets", List.of(
                new Chart.Steps(Ink.SSTHRESH, ssthresh), new Chart.Steps(Ink.IN_FLIGHT, inFlight),
                new Chart.Steps(Ink.CWND, cwnd)));
        if (srtt.isEmpty() && rto.isEmpty()) {
            return List.of(window);
        }
        return List.of(window, new Chart(title + ": round-trip time", "s", "ms", List.of(
                new Chart.Steps(Ink.RTO, rto), new Chart.Steps(Ink.SRTT, srtt))));
    }

    /** The plotted end's ISN: its SYN's seq, else its first segment's seq, else the first ACK it received. */
    static int base(List<Sample> samples) {
        for (Sample s : samples) {
            if (s.direction() == Direction.TX && (s.flags() & TcpFlags.SYN) != 0) {
                return s.seq();
            }
        }
        for (Sample s : samples) {
            if (s.direction() == Direction.TX) {
                return s.seq();
            }
        }
        for (Sample s : samples) {
            if ((s.flags() & TcpFlags.ACK) != 0) {
                return s.ack();
            }
        }
        return 0;
    }

    /** {@code seq} counted from {@code base}, modulo 2^32. */
    static double relative(int seq, int base) {
        return (seq - base) & 0xFFFF_FFFFL;
    }
}
