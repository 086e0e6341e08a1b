package dev.jnetlab.labs.check;

import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import java.util.function.ToLongFunction;

/**
 * The numeric fields of {@code tcp show} a lab can put bounds on, by the names lab files use.
 * Times are in whole milliseconds; windows, queues and counts as {@link TcpControlBlock} has them.
 */
public enum TcbField {
    RTO_MS("rto-ms", b -> b.rto() / 1000),
    SRTT_MS("srtt-ms", b -> b.srtt() / 1000),
    SND_WND("snd-wnd", TcpControlBlock::sndWnd),
    RCV_WND("rcv-wnd", TcpControlBlock::rcvWnd),
    SSTHRESH("ssthresh", b -> b.ssthresh() == Integer.MAX_VALUE ? Long.MAX_VALUE : b.ssthresh()),
    IN_FLIGHT("in-flight", TcpControlBlock::inFlight),
    SEND_QUEUED("send-queued", TcpControlBlock::sendQueued),
    RECV_UNREAD("recv-unread", TcpControlBlock::recvUnread),
    OUT_OF_ORDER_RANGES("out-of-order-ranges", TcpControlBlock::outOfOrderRanges),
    OCTETS_SENT("octets-sent", TcpControlBlock::octetsSent, true),
    OCTETS_RECEIVED("octets-received", TcpControlBlock::octetsReceived, true),
    SEGMENTS_IN("segments-in", TcpControlBlock::segmentsIn, true),
    SEGMENTS_OUT("segments-out", TcpControlBlock::segmentsOut, true),
    RETRANSMISSIONS("retransmissions", TcpControlBlock::retransmissions, true),
    FAST_RETRANSMITS("fast-retransmits", TcpControlBlock::fastRetransmits, true),
    TIMEOUTS("timeouts", TcpControlBlock::timeouts, true),
    DUPLICATE_ACKS("duplicate-acks", TcpControlBlock::duplicateAcks, true),
    CHALLENGE_ACKS("challenge-acks", TcpControlBlock::challengeAcks, true),
    OUT_OF_ORDER_DROPS("out-of-order-drops", TcpControlBlock::outOfOrderDrops, true),
    SEND_MSS("send-mss", TcpControlBlock::sendMss),
    PEER_MSS("peer-mss", TcpControlBlock::peerMss),
    PATH_MTU("path-mtu", TcpControlBlock::pathMtu);

    private final String key;
    private final ToLongFunction<TcpControlBlock> reader;
    private final boolean counts;

    TcbField(String key, ToLongFunction<TcpControlBlock> reader) {
        this(key, reader, false);
    }

    TcbField(String key, ToLongFunction<TcpControlBlock> reader, boolean counts) {
        this.key = key;
        this.reader = reader;
        this.counts = counts;
    }

    /** Whether the field counts events (octets, segments, retransmissions): a check measures it from the step's start. */
    public boolean counts() {
        return counts;
    }

    /** The name in lab files: {@code rto-ms}. */
    public String key() {
        return key;
    }

    public long of(TcpControlBlock block) {
        return reader.applyAsLong(block);
    }
}
