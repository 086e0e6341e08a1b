package dev.jnetlab.host.plot;

import dev.jnetlab.host.ladder.Ladder;
import dev.jnetlab.host.ladder.LadderRecorder;
import dev.jnetlab.host.ladder.TcpFrame;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.PcapReader;
import dev.jnetlab.stack.socket.Endpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP connections of a capture file, jnetlab's or tcpdump's, numbered from 1 in the order
 * their first segment appears, for {@code plot pcap FILE [--conn N]}. A connection is plotted
 * from its data sender's end (the end that sent more payload), as tcptrace plots a direction.
 */
public final class CaptureConnections {
    /** The most samples read for one connection; a longer one is plotted from its first ones. */
    public static final int MAX_SAMPLES = 200_000;

    /**
     * One connection of the capture.
     *
     * @param number   from 1, in order of appearance
     * @param sender   the end that sent more payload: the plotted end, on the ladder's left
     * @param receiver the other end
     * @param segments its segments in the capture
     * @param octets   payload octets the sender sent
     */
    public record Connection(int number, Endpoint sender, Endpoint receiver, int segments, long octets) {
    }

    /** A connection's samples and ladder, read from the capture. */
    public record Recorded(Connection connection, List<Sample> samples, Ladder ladder) {
    }

    private static final class Tally {
        final Endpoint a;
        final Endpoint b;
        int segments;
        long fromA;
        long fromB;

        Tally(Endpoint a, Endpoint b) {
            this.a = a;
            this.b = b;
        }

        boolean carries(int src, int srcPort, int dst, int dstPort) {
            return src == a.address() && srcPort == a.port() && dst == b.address() && dstPort == b.port()
                    || src == b.address() && srcPort == b.port() && dst == a.address() && dstPort == a.port();
        }
    }

    private final Path path;
    private final List<Connection> connections;

    private CaptureConnections(Path path, List<Connection> connections) {
        this.path = path;
        this.connections = List.copyOf(connections);
    }

    /** Reads the capture once to find its connections. */
    public static CaptureConnections read(Path path) throws IOException {
        TcpFrame frame = new TcpFrame();
        List<Tally> tallies = new ArrayList<>();
        for (PcapReader.Record record : PcapReader.read(path).records()) {
            if (!frame.read(record.frame(), 0, record.frame().length)) {
                continue;
            }
            int src = frame.ip().source();
            int dst = frame.ip().destination();
            int srcPort = frame.tcp().srcPort();
            int dstPort = frame.tcp().dstPort();
            Tally found = null;
            for (int i = tallies.size() - 1; i >= 0 && found == null; i--) {
                if (tallies.get(i).carries(src, srcPort, dst, dstPort)) {
                    found = tallies.get(i);
                }
            }
            if (found == null) {
                found = new Tally(new Endpoint(src, srcPort), new Endpoint(dst, dstPort));
                tallies.add(found);
            }
            found.segments++;
            if (src == found.a.address() && srcPort == found.a.port()) {
                found.fromA += frame.tcp().payloadLength();
            } else {
                found.fromB += frame.tcp().payloadLength();
            }
        }
        List<Connection> connections = new ArrayList<>();
        for (Tally t : tallies) {
            boolean aSends = t.fromA >= t.fromB;
            connections.add(new Connection(connections.size() + 1, aSends ? t.a : t.b, aSends ? t.b : t.a, t.segments,
                    aSends ? t.fromA : t.fromB));
        }
        return new CaptureConnections(path, connections);
    }

    public List<Connection> connections() {
        return connections;
    }

    /** Reads connection {@code number}'s segments as samples and as a ladder. */
    public Recorded record(int number) throws IOException {
        if (number < 1 || number > connections.size()) {
            throw new IllegalArgumentException("no connection " + number + ": the capture has " + connections.size());
        }
        Connection c = connections.get(number - 1);
        SampleRing ring = new SampleRing(Math.max(1, Math.min(MAX_SAMPLES, c.segments())));
        LadderRecorder ladder = LadderRecorder.of(c.sender(), c.receiver());
        TcpFrame frame = new TcpFrame();
        for (PcapReader.Record record : PcapReader.read(path).records()) {
            if (ring.recorded() >= MAX_SAMPLES) {
                break;
            }
            if (!frame.read(record.frame(), 0, record.frame().length)) {
                continue;
            }
            int src = frame.ip().source();
            int srcPort = frame.tcp().srcPort();
            int dst = frame.ip().destination();
            int dstPort = frame.tcp().dstPort();
            Direction way;
            if (src == c.sender().address() && srcPort == c.sender().port() && dst == c.receiver().address()
                    && dstPort == c.receiver().port()) {
                way = Direction.TX;
            } else if (dst == c.sender().address() && dstPort == c.sender().port() && src == c.receiver().address()
                    && srcPort == c.receiver().port()) {
                way = Direction.RX;
            } else {
                continue;
            }
            ring.record(record.micros(), way, frame.tcp(), null);
            ladder.segment(record.micros(), way, frame.ip(), frame.tcp());
        }
        return new Recorded(c, ring.samples(), ladder.ladder().orElseThrow());
    }
}
