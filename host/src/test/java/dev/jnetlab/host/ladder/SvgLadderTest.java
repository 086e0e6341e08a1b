package dev.jnetlab.host.ladder;

import static dev.jnetlab.host.plot.SvgAssertions.assertGolden;
import static dev.jnetlab.host.plot.SvgAssertions.parse;
import static dev.jnetlab.host.plot.SvgAssertions.select;
import static dev.jnetlab.host.testing.TestFrames.PEER;
import static dev.jnetlab.host.testing.TestFrames.STACK;
import static dev.jnetlab.host.testing.TestFrames.tcp;
import static dev.jnetlab.stack.wire.TcpFlags.ACK;
import static dev.jnetlab.stack.wire.TcpFlags.PSH;
import static dev.jnetlab.stack.wire.TcpFlags.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.wire.TcpFlags;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The ladder as a flow graph in SVG: one arrow per segment, states in the margins, retransmissions and losses marked. */
class SvgLadderTest {
    private final LadderRecorder recorder = LadderRecorder.firstConnection(7);

    private void sent(long time, int flags, long seq, long ack, int length) {
        byte[] frame = tcp(STACK, 49152, PEER, 7, flags, seq, ack, 1000, length);
        recorder.frame(time, Direction.TX, frame, 0, frame.length);
    }

    private void received(long time, int flags, long seq, long ack, int length) {
        byte[] frame = tcp(PEER, 7, STACK, 49152, flags, seq, ack, 1000, length);
        recorder.frame(time, Direction.RX, frame, 0, frame.length);
    }

    private Ladder exchange() {
        sent(0, SYN, 1000, 0, 0);
        received(500, SYN | ACK, 5000, 1001, 0);
        sent(600, ACK, 1001, 5001, 0);
        sent(700, ACK | PSH, 1001, 5001, 10);
        sent(200_700, ACK | PSH, 1001, 5001, 10);
        received(201_200, ACK, 5001, 1011, 0);
        return recorder.ladder().orElseThrow();
    }

    @Test
    void theExchangeIsItsGoldenPicture() throws Exception {
        String svg = SvgLadder.render(exchange());
        parse(svg);
        assertGolden("ladder.svg", svg);
    }

    @Test
    void eachSegmentIsAnArrowFromTheEndThatSentIt() {
        Document svg = parse(SvgLadder.render(exchange()));
        assertEquals(6, select(svg, "//g[contains(@class,'segment')]").getLength());
        Element syn = (Element) select(svg, "//g[contains(@class,'segment')][1]/line").item(0);
        assertEquals(String.valueOf(SvgLadder.LOCAL_X), syn.getAttribute("x1"));
        assertEquals(String.valueOf(SvgLadder.REMOTE_X), syn.getAttribute("x2"));
        Element synAck = (Element) select(svg, "//g[contains(@class,'segment')][2]/line").item(0);
        assertEquals(String.valueOf(SvgLadder.REMOTE_X), synAck.getAttribute("x1"));
        assertEquals("S seq 0 win 1000", select(svg, "//g[contains(@class,'segment')][1]/text[2]").item(0).getTextContent());
    }

    @Test
    void theStatesEachEndEnteredAreInItsMargin() {
        Document svg = parse(SvgLadder.render(exchange()));
        assertEquals("SYN-SENT", select(svg, "//g[contains(@class,'segment')][1]/text[@class='state local']").item(0)
                .getTextContent());
        assertEquals("ESTABLISHED", select(svg, "//g[contains(@class,'segment')][2]/text[@class='state local']").item(0)
                .getTextContent());
    }

    @Test
    void aRetransmissionIsDashedAndALostSegmentStopsHalfWay() {
        Document svg = parse(SvgLadder.render(exchange()));
        Element again = (Element) select(svg, "//g[contains(@class,'retransmission')]/line").item(0);
        assertEquals("6 3", again.getAttribute("stroke-dasharray"));
        LadderRecorder lossy = LadderRecorder.firstConnection(7);
        byte[] frame = tcp(STACK, 49152, PEER, 7, TcpFlags.SYN, 1, 0, 1000, 0);
        var ip = new dev.jnetlab.host.ladder.TcpFrame();
        ip.read(frame, 0, frame.length);
        lossy.frame(0, Direction.TX, frame, 0, frame.length);
        lossy.lost(0, Direction.TX, ip);
        Document lost = parse(SvgLadder.render(lossy.ladder().orElseThrow()));
        Element line = (Element) select(lost, "//g[contains(@class,'lost')]/line").item(0);
        assertEquals(String.valueOf((SvgLadder.LOCAL_X + SvgLadder.REMOTE_X) / 2), line.getAttribute("x2"));
        assertEquals("lost", select(lost, "//g[contains(@class,'lost')]/text[3]").item(0).getTextContent());
    }
}
