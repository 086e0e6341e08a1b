package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import java.util.List;
import dev.jnetlab.stack.socket.IpEndpoint;
import org.junit.jupiter.api.Test;

/** The snapshot {@code tcp show} prints (ARCHITECTURE.md §5). */
class TcpControlBlockTest {

    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;

    @Test
    void itHoldsEveryFieldOfAnOpenConnection() {
        TcpSocket socket = TcpHarness.newSocket(1 << 17, 4096).setNagle(false).setKeepAlive(Micros.ofSeconds(30))
                .setUserTimeout(Micros.ofSeconds(20)).setCongestionControl(new RecordingCongestionControl());
        TcpHarness h = TcpHarness.passive(socket,
                seg().syn().seq(R).win(2000).mss(1000).ws(2).sackOk().ts(9, 0));
        h.recvOne();
        h.at(20).send(seg().seq(R + 1).ack(L + 1).win(500).ts(10, L));
        h.send(seg().seq(R + 1).ack(L + 1).win(500).ts(11, L).data("hello"));
        h.sendBytes(TcpHarness.bytes(3000, 1));
        h.drain();
        TcpControlBlock tcb = socket.controlBlock(h.now());

        assertEquals(TcpState.ESTABLISHED, tcb.state());
        assertEquals(CloseReason.NONE, tcb.closeReason());
        assertEquals(IpEndpoint.of(LOCAL), tcb.local());
        assertEquals(IpEndpoint.of(REMOTE), tcb.remote());
        assertEquals(L, tcb.iss());
        assertEquals(R, tcb.irs());
        assertEquals(L + 1, tcb.sndUna());
        // Two segments of 988; the 24 octets left in the window wait (sender silly-window avoidance).
        assertEquals(L + 1 + 1976, tcb.sndNxt());
        assertEquals(L + 1 + 1976, tcb.sndMax());
        assertEquals(2000, tcb.sndWnd());
        assertEquals(R + 1, tcb.sndWl1());
        assertEquals(L + 1, tcb.sndWl2());
        assertEquals(R + 6, tcb.rcvNxt());
        // The free space, rounded down to the window scale's granularity of 4.
        assertEquals(131_064, tcb.rcvWnd());
        assertEquals(2, tcb.sndWindowShift());
        assertEquals(2, tcb.rcvWindowShift());
        assertTrue(tcb.windowScaleNegotiated());
        assertEquals(988, tcb.sendMss());
        assertEquals(1460, tcb.receiveMss());
        assertEquals(1000, tcb.peerMss());
        assertEquals(Micros.ofMillis(20), tcb.srtt());
        assertEquals(Micros.ofSeconds(1), tcb.rto());
        assertEquals(CongestionControl.Algorithm.RENO, tcb.congestionAlgorithm());
        assertEquals(3000, tcb.sendQueued());
        assertEquals(1976, tcb.inFlight());
        assertEquals(5, tcb.octetsReceived());
        assertEquals(5, tcb.recvUnread());
        assertEquals(1976, tcb.octetsSent());
        assertTrue(tcb.sackNegotiated());
        assertTrue(tcb.timestampsNegotiated());
        assertFalse(tcb.nagle());
        assertEquals(Micros.ofSeconds(30), tcb.keepAliveIdle());
        assertEquals(TcpSocket.DEFAULT_KEEP_ALIVE_INTERVAL, tcb.keepAliveInterval());
        assertEquals(Micros.ofSeconds(20), tcb.userTimeout());
        assertEquals(Micros.ofSeconds(10), tcb.timeWaitDuration());
        // With SACK, RACK-TLP (RFC 8985 §7.2) schedules a tail loss probe for the data in flight.
        assertEquals(List.of(TcpTimer.RETRANSMISSION, TcpTimer.KEEP_ALIVE, TcpTimer.LOSS_PROBE, TcpTimer.USER_TIMEOUT),
                tcb.timers().stream().map(TcpControlBlock.ArmedTimer::timer).toList());
    }

    @Test
    void itPrintsEveryGroupOnItsOwnLine() {
        TcpHarness h = TcpHarness.established();
        h.sendText("abc");
        h.drain();
        String text = h.socket.controlBlock(h.now()).toString();
        for (String label : List.of("state:", "local:", "remote:", "ISS:", "IRS:", "SND.UNA:", "SND.NXT:", "SND.WND:",
                "SND.WL1:", "SND.WL2:", "RCV.NXT:", "RCV.WND:", "window scale:", "MSS:", "RTT:", "congestion:",
                "send queue:", "receive:", "segments:", "options:", "timers:", "keep-alive:", "user timeout:")) {
            assertTrue(text.contains(label), () -> label + " missing from\n" + text);
        }
        assertTrue(text.contains("retransmission 1s"), text);
        assertTrue(text.contains("congestion: none, cwnd unlimited"), text);
        assertTrue(text.contains("ESTABLISHED"), text);
    }

    @Test
    void aClosedSocketShowsWhyItClosed() {
        TcpHarness h = TcpHarness.established();
        h.send(seg().rst().seq(R + 1));
        TcpControlBlock tcb = h.socket.controlBlock(h.now());
        assertEquals(CloseReason.RESET, tcb.closeReason());
        assertTrue(tcb.toString().startsWith("state:        CLOSED (connection reset by peer)"));
        assertEquals(List.of(), tcb.timers());
    }

    @Test
    void theTimerListIsImmutable() {
        TcpControlBlock tcb = TcpHarness.established().socket.controlBlock(0);
        assertThrows(UnsupportedOperationException.class,
                () -> tcb.timers().add(new TcpControlBlock.ArmedTimer(TcpTimer.PERSIST, 1)));
    }
}
