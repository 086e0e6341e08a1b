package dev.jnetlab.host.plot;

import dev.jnetlab.host.ladder.Ladder;
import dev.jnetlab.host.ladder.LadderRecorder;
import dev.jnetlab.host.ladder.ConnectionTuple;
import dev.jnetlab.host.ladder.TcpFrame;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.PcapReader;
import dev.jnetlab.stack.socket.IpEndpoint;
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
    public record Connection(int number, IpEndpoint sender, IpEndpoint receiver, int segments, long octets) {
    }

    /** A connection's samples and ladder, read from the capture. */
    public record Recorded(Connection connection, List<Sample> samples, Ladder ladder) {
    }

    /** A connection's segments so far, from its first sender ({@code a}, the tuple's local end) and from the other. */
    private static final class Tally {
        final ConnectionTuple ends;
        int segments;
        long fromA;
        long fromB;

        Tally(ConnectionTuple ends) {
            this.ends = ends;
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
            Tally found = null;
            Direction way = null;
            for (int i = tallies.size() - 1; i >= 0 && found == null; i--) {
                way = tallies.get(i).ends.way(frame);
                if (way != null) {
                    found = tallies.get(i);
                }
            }
            if (found == null) {
                found = new Tally(ConnectionTuple.of(frame, true));
                tallies.add(found);
                way = Direction.TX;
            }
            found.segments++;
            if (way == Direction.TX) {
                found.fromA += frame.tcp().payloadLength();
            } else {
                found.fromB += frame.tcp().payloadLength();
            }
        }
        List<Connection> connections = new ArrayList<>();
        for (Tally t : tallies) {
            boolean aSends = t.fromA >= t.fromB;
            IpEndpoint a = t.ends.local();
            IpEndpoint b = t.ends.remote();
            connections.add(new Connection(connections.size() + 1, aSends ? a : b, aSends ? b : a, t.segments,
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
        ConnectionTuple ends = new ConnectionTuple(c.sender(), c.receiver());
        TcpFrame frame = new TcpFrame();
        for (PcapReader.Record record : PcapReader.read(path).records()) {
            if (ring.recorded() >= MAX_SAMPLES) {
                break;
            }
            if (!frame.read(record.frame(), 0, record.frame().length)) {
                continue;
            }
            Direction way = ends.way(frame);
            if (way == null) {
                continue;
            }
            ring.record(record.micros(), way, frame.tcp(), null);
            ladder.segment(record.micros(), way, frame);
        }
        return new Recorded(c, ring.samples(), ladder.ladder().orElseThrow());
    }
}
