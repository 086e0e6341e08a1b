package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.SeqNumber.gt;

import dev.jnetlab.stack.storage.RingBuffer;

/**
 * The receive window (RFC 9293 §3.8.6.2.2, RFC 7323 §2): the right edge last advertised, which
 * never moves back, our window shift, and what to advertise next given the receive queue's free
 * space, with receiver silly-window avoidance. Made with the socket over its receive queue.
 */
final class ReceiveWindow {
    private final RingBuffer rx;
    /** RCV.NXT + RCV.WND as the peer knows it. */
    private int advertisedEdge;
    /** Shift applied to the windows we send (our option). */
    private int shift;
    /** The window field put in our SYN (unscaled), to know the edge once IRS is known. */
    private int synWindow;

    ReceiveWindow(RingBuffer rx) {
        this.rx = rx;
    }

    /** A new connection: nothing advertised, no shift. */
    void reset() {
        advertisedEdge = 0;
        shift = 0;
        synWindow = 0;
    }

    int shift() {
        return shift;
    }

    void setShift(int shift) {
        this.shift = shift;
    }

    /** Our SYN went out with this window field. */
    void synSent(int window) {
        synWindow = window;
    }

    /** The peer's SYN set RCV.NXT; the edge is where our SYN (if one went) put it. */
    void open(int rcvNxt, boolean afterOurSyn) {
        advertisedEdge = rcvNxt + (afterOurSyn ? synWindow : 0);
    }

    /** RCV.WND as the peer knows it: from RCV.NXT to the right edge last advertised. */
    int window(int rcvNxt) {
        return Math.max(advertisedEdge - rcvNxt, 0);
    }

    /**
     * The window to advertise now, in octets: the free space, but the right edge only moves
     * when it can move by {@code min(buffer / 2, MSS)} (RFC 9293 §3.8.6.2.2), and never back.
     */
    int toAdvertise(int rcvNxt, boolean finReceived, int mss) {
        int free = rx.window();
        int offered = window(rcvNxt);
        int threshold = Math.max(Math.min(rx.capacity() / 2, mss), 1);
        if (free - offered >= threshold || finReceived && free > offered) {
            // Rounded down to what the field can say, but never below the edge already offered.
            int window = Math.min(free, 0xFFFF << shift);
            return Math.max((window >>> shift) << shift, offered);
        }
        return offered;
    }

    /** {@link #toAdvertise} as the 16-bit field says it, rounded up by the shift. */
    int field(int rcvNxt, boolean finReceived, int mss) {
        int window = toAdvertise(rcvNxt, finReceived, mss);
        int field = (window + (1 << shift) - 1) >>> shift;
        return Math.min(field, 0xFFFF);
    }

    /** Whether a window update is worth a segment of its own. */
    boolean updateDue(int rcvNxt, boolean finReceived, int mss) {
        if (finReceived) {
            return false;
        }
        int offered = window(rcvNxt);
        int gain = toAdvertise(rcvNxt, finReceived, mss) - offered;
        if (gain <= 0) {
            return false;
        }
        int updateThreshold = Math.min(rx.capacity() / 2, 2 * mss);
        return gain >= updateThreshold || offered < Math.min(rx.capacity() / 2, mss);
    }

    /** A segment advertising the window {@code field} at {@code rcvNxt} went out; a SYN's is never scaled. */
    void advertised(int rcvNxt, int field, boolean syn) {
        if (syn) {
            advertisedEdge = rcvNxt + field;
            return;
        }
        int edge = rcvNxt + (field << shift);
        if (gt(edge, advertisedEdge)) {
            advertisedEdge = edge;
        }
    }
}
