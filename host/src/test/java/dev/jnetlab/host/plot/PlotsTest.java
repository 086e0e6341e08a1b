package dev.jnetlab.host.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The charts made of a connection's samples: what each mark is, where it goes. */
class PlotsTest {
    private final Chart chart = Plots.timeSequence("t", Transfer.samples());

    private Chart.Layer layer(Ink ink) {
        return chart.layers().stream().filter(l -> l.ink() == ink).findFirst().orElseThrow();
    }

    @Test
    void eachSegmentSentIsABarOfItsSequenceSpaceFromTheIsn() {
        List<Chart.Bar> data = ((Chart.Bars) layer(Ink.DATA)).bars();
        assertEquals(new Chart.Bar(0, 0, 1), data.get(0), "the SYN takes one number");
        assertEquals(new Chart.Bar(0.001, 1, 101), data.get(1));
        assertEquals(new Chart.Bar(0.0013, 301, 401), data.get(4));
    }

    @Test
    void aRetransmissionIsABarInItsOwnInkAtTheTimeItWasSentAgain() {
        assertEquals(List.of(new Chart.Bar(0.201, 101, 201)), ((Chart.Bars) layer(Ink.RETRANSMISSION)).bars());
        assertEquals(4, ((Chart.Bars) layer(Ink.DATA)).bars().size() - 1, "the first sending stays a data bar");
    }

    @Test
    void theAckLineAndTheWindowEdgeStepWithEachAckReceived() {
        List<Chart.Point> acks = ((Chart.Steps) layer(Ink.ACK)).points();
        assertEquals(List.of(new Chart.Point(0.0005, 1), new Chart.Point(0.0015, 101), new Chart.Point(0.0016, 101),
                new Chart.Point(0.2015, 401)), acks);
        List<Chart.Point> window = ((Chart.Steps) layer(Ink.WINDOW)).points();
        assertEquals(new Chart.Point(0.0016, 2101), window.get(2), "ACK + the window the peer offers");
    }

    @Test
    void aSackBlockIsABarOfTheRangeItCovers() {
        assertEquals(List.of(new Chart.Bar(0.0016, 201, 401)), ((Chart.Bars) layer(Ink.SACK)).bars());
    }

    @Test
    void fromACaptureTheCongestionChartHasTheOctetsInFlightOnTheWire() {
        List<Chart> charts = Plots.congestion("t", Transfer.samples());
        assertEquals(1, charts.size(), "no socket: no cwnd, no RTT chart");
        Chart.Steps inFlight = (Chart.Steps) charts.get(0).layers().stream().filter(l -> l.ink() == Ink.IN_FLIGHT)
                .findFirst().orElseThrow();
        assertTrue(inFlight.points().contains(new Chart.Point(0.0013, 400)), "four segments out, none acknowledged");
        assertEquals(new Chart.Point(0.2015, 0), inFlight.points().get(inFlight.points().size() - 1));
    }
}
