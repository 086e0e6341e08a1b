package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpRepr;

/**
 * Connections in TIME-WAIT kept as a few numbers each rather than as whole sockets with their
 * buffers (Linux's {@code inet_timewait_sock}): a busy server closes thousands of connections
 * a second, and each must still answer for its four numbers for the TIME-WAIT duration (RFC
 * 9293 section 3.10.7.4), but needs nothing of its socket but its sequence numbers and window.
 * {@link dev.jnetlab.stack.iface.SocketSet#retireToTimeWait} turns a socket in TIME-WAIT into a record here.
 *
 * <p>What a record does, as TIME-WAIT does: a FIN (the peer's retransmission: our last ACK was
 * lost) or any other segment but a reset is answered with an ACK of {@code RCV.NXT}, and a FIN
 * restarts the timer; a reset ends the record (as Linux does by default, not RFC 1337's
 * choice). A connection that used timestamps (RFC 7323) keeps them in its record: TS.Recent,
 * the last TSval the peer sent, and our TSval clock, so its ACKs carry timestamps as the
 * socket's would, TS.Recent follows the peer's newer segments, and a segment older than
 * TS.Recent is answered but changes nothing (PAWS, RFC 7323 section 5.3). A SYN for the four
 * numbers opens a new connection, ending the record, as RFC 6191 section 2 allows
 * ({@link #reopens}): with timestamps on both incarnations, if its TSval is newer than
 * TS.Recent (or equal, and its sequence number beyond {@code RCV.NXT}); else if its sequence
 * number is beyond {@code RCV.NXT} (RFC 1122 section 4.2.2.13), or if only the new incarnation
 * uses timestamps. A SYN refused is answered with the ACK (as Linux answers it, where RFC 6191
 * would drop it), which tells the peer where the old connection stands. The records expire in
 * the order they were made ({@link #expire}: with one TIME-WAIT duration, exactly; a FIN's restart keeps a record
 * until its turn comes after that).
 *
 * <p>Over IPv6 the addresses are filed by their folds ({@link dev.jnetlab.stack.wire.Ipv6Address#fold}),
 * and a record keeps the whole addresses beside them, which a segment must match too.
 *
 * <p>Found by their four numbers through an open-addressing index; the records sit in a ring
 * in the order made. Nothing is allocated except when the ring grows. Not thread-safe: the
 * stack's event loop owns it (ARCHITECTURE.md §2).
 */
public final class TimeWaitTable implements TcpHandler {
    private int[] localAddrs = new int[16];
    private int[] remoteAddrs = new int[16];
    /** Local port in the high 16 bits, remote port in the low. */
    private int[] ports = new int[16];
    private int[] sndNxt = new int[16];
    private int[] rcvNxt = new int[16];
    private int[] windows = new int[16];
    private long[] expiry = new long[16];
    private long[] duration = new long[16];
    private boolean[] live = new boolean[16];
    private boolean[] ipv6 = new boolean[16];
    /** Over IPv6, four per record: local high and low, remote high and low. */
    private long[] addresses6 = new long[16 * 4];
    /** Whether the connection used timestamps; then our TSval clock's offset and TS.Recent. */
    private boolean[] timestamps = new boolean[16];
    private int[] tsOffset = new int[16];
    private int[] tsRecent = new int[16];
    /** Whether a new incarnation would use timestamps: the socket offered them. */
    private boolean[] offersTimestamps = new boolean[16];
    /** The ring: records from {@link #head} on, {@link #count} of them (dead ones included). */
    private int head;
    private int count;
    private int liveCount;
    /** Record + 1 by four numbers, linear probing; 0 is empty. */
    private int[] index = new int[32];
    /** The record {@link #accepts} found, for {@link #process}. */
    private int found = -1;

    /** Records that answer now. */
    public int size() {
        return liveCount;
    }

    /** Keeps {@code socket}'s TIME-WAIT as a record, until {@code now + remaining}. */
    public void add(TcpSocket socket, int sendNext, int receiveNext, int window, long remaining, long now) {
        if (count == live.length) {
            grow();
        }
        int r = (head + count++) % live.length;
        localAddrs[r] = socket.localAddress();
        remoteAddrs[r] = socket.remoteAddress();
        ports[r] = socket.localPort() << 16 | socket.remotePort();
        sndNxt[r] = sendNext;
        rcvNxt[r] = receiveNext;
        windows[r] = window;
        expiry[r] = now + remaining;
        duration[r] = socket.timeWaitDuration();
        Timestamps ts = socket.timestampState();
        timestamps[r] = ts.negotiated();
        tsOffset[r] = ts.clock(0);
        tsRecent[r] = ts.recent();
        offersTimestamps[r] = socket.timestampsEnabled();
        live[r] = true;
        ipv6[r] = socket.isIpv6();
        socket.copyIpv6Addresses(addresses6, 4 * r);
        liveCount++;
        insert(r);
    }

    /** Forgets the records whose time is over, oldest first. */
    public void expire(long now) {
        while (count > 0 && (!live[head] || expiry[head] <= now)) {
            if (live[head]) {
                kill(head);
            }
            head = (head + 1) % live.length;
            count--;
        }
    }

    @Override
    public boolean accepts(int localAddr, int remoteAddr, TcpRepr segment) {
        found = find(localAddr, segment.destinationPort() << 16 | segment.sourcePort(), remoteAddr);
        if (found >= 0 && !sameIpv6Addresses(found, segment)) {
            found = -1;
        }
        return found >= 0;
    }

    /**
     * Whether the SYN {@code segment} that {@link #accepts} took may open a new connection, by
     * RFC 6191 section 2: (a) if the old incarnation used timestamps and the new one would
     * (the SYN carries them and the socket offered them), when its TSval is beyond TS.Recent,
     * or equal to it with a sequence number beyond {@code RCV.NXT}; if the new one would not,
     * when its sequence number is beyond {@code RCV.NXT}; (b) if the old incarnation did not
     * use timestamps, when the new one would, or when its sequence number is beyond
     * {@code RCV.NXT}. If so the record ends, and the SYN goes on to a listener.
     */
    public boolean reopens(TcpRepr segment) {
        if (found < 0 || !segment.isSyn() || segment.isAck()) {
            return false;
        }
        int r = found;
        boolean beyond = segment.seq() - rcvNxt[r] > 0;
        boolean newUsesTimestamps = offersTimestamps[r] && segment.hasTimestamps();
        boolean allowed;
        if (timestamps[r] && newUsesTimestamps) {
            int newer = segment.tsVal() - tsRecent[r];
            allowed = newer > 0 || newer == 0 && beyond;
        } else {
            allowed = beyond || !timestamps[r] && newUsesTimestamps;
        }
        if (!allowed) {
            return false;
        }
        kill(found);
        found = -1;
        return true;
    }

    @Override
    public boolean process(long now, int localAddr, int remoteAddr, TcpRepr segment, TcpRepr reply) {
        reply.clear();
        int r = found;
        found = -1;
        if (r < 0 || segment.isRst()) {
            if (r >= 0) {
                kill(r);
            }
            return false;
        }
        // RFC 7323 section 5.3 R1 (PAWS): a segment older than TS.Recent is answered, nothing more.
        boolean old = timestamps[r] && segment.hasTimestamps() && segment.tsVal() - tsRecent[r] < 0;
        if (!old) {
            if (timestamps[r] && segment.hasTimestamps()) {
                tsRecent[r] = segment.tsVal(); // section 4.3: it covers RCV.NXT, as our last ACK did
            }
            if (segment.isFin()) {
                expiry[r] = Math.max(expiry[r], now + duration[r]);
            }
        }
        reply.addressedBackTo(segment, localAddr, remoteAddr)
                .sourcePort(segment.destinationPort()).destinationPort(segment.sourcePort())
                .seq(sndNxt[r]).flags(TcpFlags.ACK).ack(rcvNxt[r]).window(windows[r]);
        if (timestamps[r]) {
            reply.timestamps((int) (now / Micros.PER_MILLI) + tsOffset[r], tsRecent[r]);
        }
        return true;
    }

    /** The ACK went: nothing to commit. */
    @Override
    public void replied(long now, TcpRepr reply) {
    }

    /** A record sends nothing of its own. */
    @Override
    public boolean dispatch(long now, TcpRepr out) {
        return false;
    }

    @Override
    public void copyPayload(TcpRepr out, byte[] dst, int offset) {
        throw new IllegalStateException("a TIME-WAIT record sends no payload");
    }

    @Override
    public boolean sent(long now, TcpRepr out) {
        return false;
    }

    /** Never: the records expire when the table is next used ({@link #expire}); nothing needs a wake-up. */
    @Override
    public long pollAt(long now) {
        return Micros.NEVER;
    }

    /** Whether {@code segment} is of record {@code r}'s family and, over IPv6, between its very addresses. */
    private boolean sameIpv6Addresses(int r, TcpRepr segment) {
        if (segment.isIpv6() != ipv6[r]) {
            return false;
        }
        int a = 4 * r;
        return !ipv6[r] || segment.destinationHigh() == addresses6[a] && segment.destinationLow() == addresses6[a + 1]
                && segment.sourceHigh() == addresses6[a + 2] && segment.sourceLow() == addresses6[a + 3];
    }

    private void kill(int r) {
        live[r] = false;
        liveCount--;
        removeFromIndex(r);
    }

    private int find(int localAddr, int portPair, int remoteAddr) {
        int mask = index.length - 1;
        for (int p = home(localAddr, portPair, remoteAddr); index[p] != 0; p = (p + 1) & mask) {
            int r = index[p] - 1;
            if (localAddrs[r] == localAddr && ports[r] == portPair && remoteAddrs[r] == remoteAddr) {
                return r;
            }
        }
        return -1;
    }

    private void insert(int r) {
        int mask = index.length - 1;
        int p = home(localAddrs[r], ports[r], remoteAddrs[r]);
        while (index[p] != 0) {
            p = (p + 1) & mask;
        }
        index[p] = r + 1;
    }

    private void removeFromIndex(int r) {
        int mask = index.length - 1;
        int p = home(localAddrs[r], ports[r], remoteAddrs[r]);
        while (index[p] != r + 1) {
            p = (p + 1) & mask;
        }
        int gap = p;
        for (int q = (gap + 1) & mask; index[q] != 0; q = (q + 1) & mask) {
            int s = index[q] - 1;
            int h = home(localAddrs[s], ports[s], remoteAddrs[s]);
            boolean stays = gap <= q ? gap < h && h <= q : gap < h || h <= q;
            if (!stays) {
                index[gap] = index[q];
                gap = q;
            }
        }
        index[gap] = 0;
    }

    /** Doubles the ring, its records moved to the start in order, and the index with it. */
    private void grow() {
        int size = live.length * 2;
        localAddrs = unroll(localAddrs, size);
        remoteAddrs = unroll(remoteAddrs, size);
        ports = unroll(ports, size);
        sndNxt = unroll(sndNxt, size);
        rcvNxt = unroll(rcvNxt, size);
        windows = unroll(windows, size);
        tsOffset = unroll(tsOffset, size);
        tsRecent = unroll(tsRecent, size);
        long[] e = new long[size];
        long[] d = new long[size];
        boolean[] l = new boolean[size];
        boolean[] six = new boolean[size];
        long[] a6 = new long[size * 4];
        boolean[] t = new boolean[size];
        boolean[] o = new boolean[size];
        for (int i = 0; i < count; i++) {
            int r = (head + i) % live.length;
            e[i] = expiry[r];
            d[i] = duration[r];
            l[i] = live[r];
            six[i] = ipv6[r];
            System.arraycopy(addresses6, 4 * r, a6, 4 * i, 4);
            t[i] = timestamps[r];
            o[i] = offersTimestamps[r];
        }
        expiry = e;
        duration = d;
        live = l;
        ipv6 = six;
        addresses6 = a6;
        timestamps = t;
        offersTimestamps = o;
        head = 0;
        index = new int[size * 2];
        for (int r = 0; r < count; r++) {
            if (live[r]) {
                insert(r);
            }
        }
    }

    private int[] unroll(int[] ring, int size) {
        int[] out = new int[size];
        for (int i = 0; i < count; i++) {
            out[i] = ring[(head + i) % ring.length];
        }
        return out;
    }

    private int home(int localAddr, int portPair, int remoteAddr) {
        int h = localAddr * 0x9E3779B9;
        h = (h ^ portPair) * 0x85EBCA6B;
        h = (h ^ remoteAddr) * 0xC2B2AE35;
        return (h ^ h >>> 15) & (index.length - 1);
    }
}
