package dev.jnetlab.host.plot;

import static dev.jnetlab.host.plot.PlotFrames.segment;
import static dev.jnetlab.host.plot.PlotFrames.tcp;
import static dev.jnetlab.stack.wire.TcpFlags.ACK;
import static dev.jnetlab.stack.wire.TcpFlags.PSH;
import static dev.jnetlab.stack.wire.TcpFlags.SYN;

import dev.jnetlab.stack.phy.Direction;
import java.util.List;

/**
 * A small transfer whose pictures the tests know: a handshake (ISN 1000, the peer's 5000), four
 * segments of 100 octets, the second lost, SACKed around, and sent again after a timeout.
 */
final class Transfer {
    private Transfer() {
    }

    static List<Sample> samples() {
        SampleRing ring = new SampleRing(64);
        ring.record(0, Direction.TX, tcp(segment(true, SYN, 1000, 0, 0)), null);
        ring.record(500, Direction.RX, tcp(segment(false, SYN | ACK, 5000, 1001, 0)), null);
        for (int i = 0; i < 4; i++) {
            ring.record(1000 + 100L * i, Direction.TX, tcp(segment(true, ACK | PSH, 1001 + 100L * i, 5001, 100)), null);
        }
        ring.record(1500, Direction.RX, tcp(segment(false, ACK, 5001, 1101, 0)), null);
        ring.record(1600, Direction.RX, tcp(segment(false, ACK, 5001, 1101, 2000, 0,
                t -> t.addSackBlock(1201, 1401))), null);
        ring.record(201_000, Direction.TX, tcp(segment(true, ACK | PSH, 1101, 5001, 100)), null);
        ring.record(201_500, Direction.RX, tcp(segment(false, ACK, 5001, 1401, 0)), null);
        return ring.samples();
    }
}
