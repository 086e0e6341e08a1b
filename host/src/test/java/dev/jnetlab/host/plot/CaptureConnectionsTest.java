package dev.jnetlab.host.plot;

import static dev.jnetlab.host.plot.PlotFrames.segment;
import static dev.jnetlab.stack.wire.TcpFlags.ACK;
import static dev.jnetlab.stack.wire.TcpFlags.PSH;
import static dev.jnetlab.stack.wire.TcpFlags.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jnetlab.host.testing.TestFrames;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.PcapFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture's connections: numbered in order of appearance, plotted from the end that sent the data. */
class CaptureConnectionsTest {
    @TempDir
    Path dir;

    @Test
    void findsTheConnectionsAndPlotsEachFromItsDataSender() throws Exception {
        Path path = dir.resolve("two.pcap");
        try (PcapFile file = PcapFile.create(path, 0)) {
            byte[] udp = TestFrames.udp(TestFrames.STACK, 5000, TestFrames.PEER, 53, 10);
            file.write(0, udp, 0, udp.length);
            byte[][] frames = {
                segment(true, SYN, 1000, 0, 0),
                segment(false, SYN | ACK, 5000, 1001, 0),
                segment(true, ACK, 1001, 5001, 0),
                segment(false, ACK | PSH, 5001, 1001, 300),
                segment(true, ACK, 1001, 5301, 0),
            };
            for (int i = 0; i < frames.length; i++) {
                file.write(100L * i, frames[i], 0, frames[i].length);
            }
            byte[] other = TestFrames.tcp(TestFrames.STACK, 40000, TestFrames.PEER, 80, SYN, 9, 0, 1000, 0);
            file.write(900, other, 0, other.length);
        }
        CaptureConnections capture = CaptureConnections.read(path);
        assertEquals(2, capture.connections().size());
        CaptureConnections.Connection echo = capture.connections().get(0);
        assertEquals(5, echo.segments());
        assertEquals(300, echo.octets());
        assertEquals(7, echo.sender().port(), "the peer sent the data");
        CaptureConnections.Recorded recorded = capture.record(1);
        assertEquals(5, recorded.samples().size());
        assertEquals(Direction.RX, recorded.samples().get(0).direction(), "the first SYN came to the plotted end");
        assertEquals(Direction.TX, recorded.samples().get(3).direction());
        assertEquals(5, recorded.ladder().segments().size());
        assertEquals(80, capture.connections().get(1).receiver().port());
        assertThrows(IllegalArgumentException.class, () -> capture.record(3));
    }

    @Test
    void findsAConnectionOverIpv6ApartFromItsIpv4NamesakeWithTheSamePorts() throws Exception {
        Path path = dir.resolve("six.pcap");
        try (PcapFile file = PcapFile.create(path, 0)) {
            byte[][] frames = {
                TestFrames.tcp6(TestFrames.STACK6, 49152, TestFrames.PEER6, 7, SYN, 1000, 0, 1000, 0),
                TestFrames.tcp(TestFrames.STACK, 49152, TestFrames.PEER, 7, SYN, 1000, 0, 1000, 0),
                TestFrames.tcp6(TestFrames.PEER6, 7, TestFrames.STACK6, 49152, SYN | ACK, 5000, 1001, 1000, 0),
                TestFrames.tcp6(TestFrames.STACK6, 49152, TestFrames.PEER6, 7, ACK | PSH, 1001, 5001, 1000, 200),
            };
            for (int i = 0; i < frames.length; i++) {
                file.write(100L * i, frames[i], 0, frames[i].length);
            }
        }
        CaptureConnections capture = CaptureConnections.read(path);
        assertEquals(2, capture.connections().size());
        CaptureConnections.Connection six = capture.connections().get(0);
        assertEquals("[fd00::1]:49152", six.sender().toString());
        assertEquals("[fd00::100]:7", six.receiver().toString());
        assertEquals(3, six.segments());
        assertEquals(200, six.octets());
        assertEquals("192.168.69.1:49152", capture.connections().get(1).sender().toString());
        CaptureConnections.Recorded recorded = capture.record(1);
        assertEquals(3, recorded.ladder().segments().size());
        assertEquals(Direction.TX, recorded.samples().get(0).direction());
    }
}
