package dev.jnetlab.stack.socket.tcp;

import java.util.Arrays;
import java.util.Objects;

/**
 * One TCP segment as the state machine sees it: the segment variables of RFC 9293 §3.3.1
 * (SEG.SEQ, SEG.ACK, SEG.LEN, SEG.WND, SEG.UP), the control bits, the options the socket
 * understands, and the payload.
 *
 * <p><b>Why a mutable class and not a record.</b> The interface fills one of these for every
 * segment it receives and the socket fills one for every segment it sends, on the packet path
 * that must not allocate (ARCHITECTURE.md §4). So a descriptor is made once, owned by its user, and
 * {@link #clear() cleared} and refilled per segment; nothing keeps a reference to it after the
 * call that it was lent to returns.
 *
 * <p><b>No sentinels.</b> Every option has its own presence flag ({@link #hasMss()},
 * {@link #hasWindowScale()}, {@link #hasTimestamps()}, {@link #sackPermitted()},
 * {@link #sackBlockCount()}); the value of an absent option is meaningless. SEG.ACK is
 * meaningful only when the ACK bit is set.
 *
 * <p><b>Numbers.</b> Sequence and acknowledgment numbers, TSval and TSecr are 32-bit values in
 * {@code int}s, compared with {@link SeqNumber}. The window is the raw 16-bit field of the
 * header, not yet scaled: only the connection knows the scale (RFC 7323 §2.3). Ports are
 * {@code int}s in {@code [0, 65535]}.
 *
 * <p><b>Payload.</b> A received segment's payload is lent for one call:
 * {@code payload()[payloadOffset() .. payloadOffset() + payloadLength())}, usually inside the
 * received frame. A segment that a socket describes for sending carries only
 * {@link #payloadLength()}; its array is {@code null} and the octets are copied straight from
 * the socket's send queue into the outgoing frame by {@link TcpSocket#copyPayload}.
 *
 * <p><b>Addresses.</b> The IPv4 addresses of the pseudo-header travel with a segment the
 * socket produces, so the interface can build the IP header without asking which socket
 * made it; see {@link #sourceAddress()}.
 *
 * <p><b>Options budget.</b> {@link #optionsLength()} is the size the socket reserves for the
 * options when it sizes a segment to the MSS: each option aligned on its own with NOPs (MSS 4,
 * window scale 4, SACK-permitted 4, timestamps 12, SACK {@code 4 + 8n}). A wire layer may pack
 * them tighter, never looser; the socket never asks for more than the 40 octets TCP allows.
 */
public final class TcpSegment {

    /** The FIN bit, in its place in the header's flags octet. */
    public static final int FIN = 0x01;
    /** The SYN bit. */
    public static final int SYN = 0x02;
    /** The RST bit. */
    public static final int RST = 0x04;
    /** The PSH bit. */
    public static final int PSH = 0x08;
    /** The ACK bit. */
    public static final int ACK = 0x10;
    /** The URG bit. */
    public static final int URG = 0x20;
    /** The ECE bit (RFC 3168). */
    public static final int ECE = 0x40;
    /** The CWR bit (RFC 3168). */
    public static final int CWR = 0x80;
    /** The NS bit (RFC 3540, historic): carried, never acted on. */
    public static final int NS = 0x100;

    /** The most SACK blocks an option can carry (RFC 2018 §3: 4 without timestamps, 3 with). */
    public static final int MAX_SACK_BLOCKS = 4;

    /** The most option octets a TCP header can carry. */
    public static final int MAX_OPTIONS_LENGTH = 40;

    private int sourceAddress;
    private int destinationAddress;
    private int sourcePort;
    private int destinationPort;
    private int seq;
    private int ackNumber;
    private int flags;
    private int window;
    private int urgentPointer;

    private boolean hasMss;
    private int mss;
    private boolean hasWindowScale;
    private int windowScale;
    private boolean sackPermitted;
    private int sackBlockCount;
    private final int[] sackLeft = new int[MAX_SACK_BLOCKS];
    private final int[] sackRight = new int[MAX_SACK_BLOCKS];
    private boolean hasTimestamps;
    private int tsVal;
    private int tsEcr;

    private byte[] payload;
    private int payloadOffset;
    private int payloadLength;
    private int segmentSize;

    /** Forgets everything: no flags, no options, no payload, every number zero. Returns this. */
    public TcpSegment clear() {
        sourceAddress = 0;
        destinationAddress = 0;
        sourcePort = 0;
        destinationPort = 0;
        seq = 0;
        ackNumber = 0;
        flags = 0;
        window = 0;
        urgentPointer = 0;
        hasMss = false;
        mss = 0;
        hasWindowScale = false;
        windowScale = 0;
        sackPermitted = false;
        sackBlockCount = 0;
        hasTimestamps = false;
        tsVal = 0;
        tsEcr = 0;
        payload = null;
        payloadOffset = 0;
        payloadLength = 0;
        segmentSize = 0;
        return this;
    }

    /** Makes this an exact copy of {@code other}, sharing its payload array. Returns this. */
    public TcpSegment copyFrom(TcpSegment other) {
        sourceAddress = other.sourceAddress;
        destinationAddress = other.destinationAddress;
        sourcePort = other.sourcePort;
        destinationPort = other.destinationPort;
        seq = other.seq;
        ackNumber = other.ackNumber;
        flags = other.flags;
        window = other.window;
        urgentPointer = other.urgentPointer;
        hasMss = other.hasMss;
        mss = other.mss;
        hasWindowScale = other.hasWindowScale;
        windowScale = other.windowScale;
        sackPermitted = other.sackPermitted;
        sackBlockCount = other.sackBlockCount;
        System.arraycopy(other.sackLeft, 0, sackLeft, 0, MAX_SACK_BLOCKS);
        System.arraycopy(other.sackRight, 0, sackRight, 0, MAX_SACK_BLOCKS);
        hasTimestamps = other.hasTimestamps;
        tsVal = other.tsVal;
        tsEcr = other.tsEcr;
        payload = other.payload;
        payloadOffset = other.payloadOffset;
        payloadLength = other.payloadLength;
        segmentSize = other.segmentSize;
        return this;
    }

    // ---- the pseudo-header's addresses

    /**
     * The IPv4 source address. Set by the socket on every segment it produces (by
     * {@link TcpSocket#dispatch} and as a reply), so the interface knows where to send it.
     * On a received segment the interface passes the addresses to {@code process} as
     * arguments, and those are what count.
     */
    public int sourceAddress() {
        return sourceAddress;
    }

    public TcpSegment sourceAddress(int address) {
        this.sourceAddress = address;
        return this;
    }

    /** The IPv4 destination address; see {@link #sourceAddress()}. */
    public int destinationAddress() {
        return destinationAddress;
    }

    public TcpSegment destinationAddress(int address) {
        this.destinationAddress = address;
        return this;
    }

    // ---- header fields

    public int sourcePort() {
        return sourcePort;
    }

    public TcpSegment sourcePort(int port) {
        this.sourcePort = checkPort(port);
        return this;
    }

    public int destinationPort() {
        return destinationPort;
    }

    public TcpSegment destinationPort(int port) {
        this.destinationPort = checkPort(port);
        return this;
    }

    /** SEG.SEQ: the sequence number of the first octet (of the SYN, if it has one). */
    public int seq() {
        return seq;
    }

    public TcpSegment seq(int seq) {
        this.seq = seq;
        return this;
    }

    /** SEG.ACK: the next sequence number the sender expects; meaningful only when {@link #isAck()}. */
    public int ackNumber() {
        return ackNumber;
    }

    /** Sets the ACK bit and SEG.ACK. */
    public TcpSegment ack(int ackNumber) {
        this.flags |= ACK;
        this.ackNumber = ackNumber;
        return this;
    }

    /**
     * The control bits as the header's nine flag bits ({@link #SYN} | {@link #ACK} ...), in the
     * same positions as the wire layer's {@code TcpFlags}, so a received header's flags are
     * copied as they are.
     */
    public int flags() {
        return flags;
    }

    /** Sets the control bits from the header's nine flag bits. */
    public TcpSegment flags(int flags) {
        if ((flags & ~0x1FF) != 0) {
            throw new IllegalArgumentException("not nine flag bits: " + flags);
        }
        this.flags = flags;
        return this;
    }

    /** Sets the given bits, leaving the others. */
    public TcpSegment set(int bits) {
        return flags(flags | bits);
    }

    public boolean isSyn() {
        return (flags & SYN) != 0;
    }

    public boolean isAck() {
        return (flags & ACK) != 0;
    }

    public boolean isFin() {
        return (flags & FIN) != 0;
    }

    public boolean isRst() {
        return (flags & RST) != 0;
    }

    public boolean isPsh() {
        return (flags & PSH) != 0;
    }

    public boolean isUrg() {
        return (flags & URG) != 0;
    }

    public boolean isEce() {
        return (flags & ECE) != 0;
    }

    public boolean isCwr() {
        return (flags & CWR) != 0;
    }

    /** SEG.WND as it is in the header: 16 bits, not scaled. */
    public int window() {
        return window;
    }

    public TcpSegment window(int window) {
        if (window < 0 || window > 0xFFFF) {
            throw new IllegalArgumentException("not a 16-bit window: " + window);
        }
        this.window = window;
        return this;
    }

    /** SEG.UP: meaningful only when {@link #isUrg()}. */
    public int urgentPointer() {
        return urgentPointer;
    }

    public TcpSegment urgentPointer(int urgentPointer) {
        if (urgentPointer < 0 || urgentPointer > 0xFFFF) {
            throw new IllegalArgumentException("not a 16-bit urgent pointer: " + urgentPointer);
        }
        this.urgentPointer = urgentPointer;
        return this;
    }

    /** SEG.LEN: the payload octets plus one for a SYN and one for a FIN (RFC 9293 §3.4). */
    public int segmentLength() {
        return payloadLength + (flags & SYN) / SYN + (flags & FIN);
    }

    // ---- options

    /** Whether the Maximum Segment Size option is present (RFC 9293 §3.7.1; only in a SYN). */
    public boolean hasMss() {
        return hasMss;
    }

    public int mss() {
        return mss;
    }

    public TcpSegment mss(int mss) {
        if (mss < 0 || mss > 0xFFFF) {
            throw new IllegalArgumentException("not a 16-bit MSS: " + mss);
        }
        this.hasMss = true;
        this.mss = mss;
        return this;
    }

    /** Whether the Window Scale option is present (RFC 7323 §2; only in a SYN). */
    public boolean hasWindowScale() {
        return hasWindowScale;
    }

    /** The shift count as received; values above 14 are the receiver's to clamp (RFC 7323 §2.3). */
    public int windowScale() {
        return windowScale;
    }

    public TcpSegment windowScale(int shift) {
        if (shift < 0 || shift > 0xFF) {
            throw new IllegalArgumentException("not a shift count octet: " + shift);
        }
        this.hasWindowScale = true;
        this.windowScale = shift;
        return this;
    }

    /** Whether the SACK-permitted option is present (RFC 2018 §2; only in a SYN). */
    public boolean sackPermitted() {
        return sackPermitted;
    }

    public TcpSegment sackPermitted(boolean present) {
        this.sackPermitted = present;
        return this;
    }

    /** How many SACK blocks the segment carries; {@code 0} means no SACK option. */
    public int sackBlockCount() {
        return sackBlockCount;
    }

    /** The left edge (first sequence number) of SACK block {@code i}. */
    public int sackLeft(int i) {
        return sackLeft[Objects.checkIndex(i, sackBlockCount)];
    }

    /** The right edge (sequence number just after the block) of SACK block {@code i}. */
    public int sackRight(int i) {
        return sackRight[Objects.checkIndex(i, sackBlockCount)];
    }

    /** Appends a SACK block {@code [left, right)}. */
    public TcpSegment addSackBlock(int left, int right) {
        if (sackBlockCount == MAX_SACK_BLOCKS) {
            throw new IllegalStateException("a SACK option holds at most " + MAX_SACK_BLOCKS + " blocks");
        }
        sackLeft[sackBlockCount] = left;
        sackRight[sackBlockCount] = right;
        sackBlockCount++;
        return this;
    }

    /** Removes every SACK block. */
    public TcpSegment clearSackBlocks() {
        sackBlockCount = 0;
        return this;
    }

    /** Whether the Timestamps option is present (RFC 7323 §3). */
    public boolean hasTimestamps() {
        return hasTimestamps;
    }

    /** TSval: the sender's timestamp clock. */
    public int tsVal() {
        return tsVal;
    }

    /** TSecr: the timestamp echoed back; meaningful only when the ACK bit is set. */
    public int tsEcr() {
        return tsEcr;
    }

    public TcpSegment timestamps(int tsVal, int tsEcr) {
        this.hasTimestamps = true;
        this.tsVal = tsVal;
        this.tsEcr = tsEcr;
        return this;
    }

    /** The option octets reserved for this segment's options (see the class comment). */
    public int optionsLength() {
        int length = 0;
        if (hasMss) {
            length += 4;
        }
        if (hasWindowScale) {
            length += 4;
        }
        if (sackPermitted) {
            length += 4;
        }
        if (hasTimestamps) {
            length += 12;
        }
        if (sackBlockCount > 0) {
            length += 4 + 8 * sackBlockCount;
        }
        return length;
    }

    // ---- payload

    /** The array holding the payload; {@code null} on a segment described for sending. */
    public byte[] payload() {
        return payload;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    /** The payload octets, not counting SYN and FIN. */
    public int payloadLength() {
        return payloadLength;
    }

    /** Lends the payload {@code array[offset .. offset + length)} for one call. */
    public TcpSegment payload(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        this.payload = array;
        this.payloadOffset = offset;
        this.payloadLength = length;
        return this;
    }

    /** Describes {@code length} payload octets that are not in an array (yet). */
    public TcpSegment payloadLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative payload length: " + length);
        }
        this.payload = null;
        this.payloadOffset = 0;
        this.payloadLength = length;
        return this;
    }

    /**
     * For a segment to send whose payload is larger than one MSS allows (TCP segmentation
     * offload: the device cuts it): the payload octets of each segment it is cut into. 0 for
     * a segment that goes as it is, and on every received one.
     */
    public int segmentSize() {
        return segmentSize;
    }

    public TcpSegment segmentSize(int octets) {
        if (octets < 0) {
            throw new IllegalArgumentException("negative segment size: " + octets);
        }
        this.segmentSize = octets;
        return this;
    }

    // ---- printing

    /**
     * Appends the segment on one line, tcpdump-like:
     * {@code 49152 > 6969 [SYN,ACK] seq=1000 ack=2001 win=64240 len=0 mss=1460 ws=7 sackOK ts=5/0}.
     */
    public StringBuilder appendTo(StringBuilder out) {
        out.append(sourcePort).append(" > ").append(destinationPort).append(" [");
        appendFlags(out, flags);
        out.append("] seq=").append(Integer.toUnsignedString(seq));
        if (isAck()) {
            out.append(" ack=").append(Integer.toUnsignedString(ackNumber));
        }
        out.append(" win=").append(window).append(" len=").append(payloadLength);
        if (isUrg()) {
            out.append(" up=").append(urgentPointer);
        }
        if (hasMss) {
            out.append(" mss=").append(mss);
        }
        if (hasWindowScale) {
            out.append(" ws=").append(windowScale);
        }
        if (sackPermitted) {
            out.append(" sackOK");
        }
        if (hasTimestamps) {
            out.append(" ts=").append(Integer.toUnsignedString(tsVal))
                    .append('/').append(Integer.toUnsignedString(tsEcr));
        }
        if (sackBlockCount > 0) {
            out.append(" sack=");
            for (int i = 0; i < sackBlockCount; i++) {
                out.append('[').append(Integer.toUnsignedString(sackLeft[i])).append('-')
                        .append(Integer.toUnsignedString(sackRight[i])).append(')');
            }
        }
        return out;
    }

    /** Appends the set control bits as {@code SYN,ACK}, or {@code -} for none. */
    public static StringBuilder appendFlags(StringBuilder out, int flags) {
        int start = out.length();
        appendFlag(out, flags, SYN, "SYN", start);
        appendFlag(out, flags, FIN, "FIN", start);
        appendFlag(out, flags, RST, "RST", start);
        appendFlag(out, flags, PSH, "PSH", start);
        appendFlag(out, flags, ACK, "ACK", start);
        appendFlag(out, flags, URG, "URG", start);
        appendFlag(out, flags, ECE, "ECE", start);
        appendFlag(out, flags, CWR, "CWR", start);
        appendFlag(out, flags, NS, "NS", start);
        if (out.length() == start) {
            out.append('-');
        }
        return out;
    }

    private static void appendFlag(StringBuilder out, int flags, int bit, String name, int start) {
        if ((flags & bit) != 0) {
            if (out.length() > start) {
                out.append(',');
            }
            out.append(name);
        }
    }

    @Override
    public String toString() {
        StringBuilder out = appendTo(new StringBuilder(96));
        if (payload != null && payloadLength > 0) {
            out.append(" data=").append(Arrays.toString(Arrays.copyOfRange(payload, payloadOffset,
                    payloadOffset + Math.min(payloadLength, 16))));
        }
        return out.toString();
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return port;
    }
}
