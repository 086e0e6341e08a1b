package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.wire.TcpRepr;

/**
 * What the interface drives for TCP: a {@link TcpSocket} (one connection) or a
 * {@link TcpListener} (a port with a backlog). The same five calls for both, so the interface
 * keeps one list.
 *
 * <p>Receiving: for a segment addressed to this host, find the handler that
 * {@link #accepts} it (an exact connection match first, then a listener), call
 * {@link #process}, send {@code reply} if it returns true and, if it went, call
 * {@link #replied}. No handler: answer with
 * {@link TcpSocket#resetFor}.
 *
 * <p>Sending, on each poll: {@code while (handler.dispatch(now, out))}: size the frame from
 * {@code out} (headers, {@link TcpRepr#optionsLength()}, {@link TcpRepr#payloadLength()}),
 * get a buffer from the device, write the IPv4 and TCP headers from {@code out}, call
 * {@link #copyPayload} for the payload, and when the device took the frame call
 * {@link #sent}; if the device refused, stop (the same segment is described next time).
 * The interface may also commit a segment it could not deliver at all (no route, a next hop
 * that never answered ARP): that is a segment lost on the way, and the handler's
 * retransmission timer deals with it as with any other loss.
 *
 * <p>Sleeping: the handler wants {@code dispatch} again at {@link #pollAt}.
 *
 * <p>All calls take the event loop's {@code now} (stack microseconds) and allocate nothing.
 */
public interface TcpHandler {

    /** Whether a received segment to {@code localAddr} from {@code remoteAddr} is this handler's. */
    boolean accepts(int localAddr, int remoteAddr, TcpRepr segment);

    /** Handles a segment {@link #accepts} took; returns whether {@code reply} was filled for sending at once. */
    boolean process(long now, int localAddr, int remoteAddr, TcpRepr segment, TcpRepr reply);

    /**
     * The {@code reply} that {@link #process} filled went out (the device took it, or it waits
     * for the next hop's address): commit it. Not called for a reply the device refused.
     */
    void replied(long now, TcpRepr reply);

    /** Describes the next segment to send into {@code out} without committing it; false when there is none. */
    boolean dispatch(long now, TcpRepr out);

    /** Copies the payload of the segment just dispatched into {@code dst[offset ..]}. */
    void copyPayload(TcpRepr out, byte[] dst, int offset);

    /**
     * The segment just dispatched went out: commit it. Returns whether it was a retransmission
     * (it carried sequence space sent before), which the interface counts.
     */
    boolean sent(long now, TcpRepr out);

    /** When {@link #dispatch} should run next: {@code now} or earlier if something is ready, {@link dev.jnetlab.stack.time.Micros#NEVER} if nothing is armed. */
    long pollAt(long now);
}
