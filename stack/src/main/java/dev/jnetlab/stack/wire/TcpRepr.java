package dev.jnetlab.stack.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * One TCP segment as a representation (RFC 9293 §3.1): the segment variables of §3.3.1
 * (SEG.SEQ, SEG.ACK, SEG.LEN, SEG.WND, SEG.UP), the control bits, the options this stack speaks
 * (MSS, window scale, SACK-permitted, SACK blocks, timestamps) and the payload. It is the one
 * form in which a segment travels between the interface and the TCP sockets, both ways:
 * {@link #parse} fills it from a checked {@link TcpPacket} view, {@link #emit} writes it into one.
 *
 * <p><b>Why a mutable class, unlike the other {@code *Repr}s.</b> The interface fills one for
 * every segment it receives and a socket fills one for every segment it sends, on the packet
 * path that must not allocate (ARCHITECTURE.md §4). So a representation is made once, owned by
 * its user, {@link #clear() cleared} and refilled per segment; nothing keeps a reference to it
 * after the call it was lent to returns. The other representations are records because they
 * are only made for rare frames (DHCP, DNS, a crafted ARP probe).
 *
 * <p><b>No sentinels.</b> Every option has its own presence flag ({@link #hasMss()},
 * {@link #hasWindowScale()}, {@link #hasTimestamps()}, {@link #sackPermitted()},
 * {@link #sackBlockCount()}); the value of an absent option is meaningless. SEG.ACK is
 * meaningful only with the ACK bit, SEG.UP only with URG.
 *
 * <p><b>Numbers.</b> Sequence and acknowledgment numbers, TSval and TSecr are 32-bit patterns
 * in {@code int}s. The window is the raw 16-bit field, not scaled: only the connection knows
 * the scale (RFC 7323 §2.3). The control bits are the header's nine flag bits, the
 * {@link TcpFlags} constants.
 *
 * <p><b>Payload.</b> A parsed segment's payload is lent in place:
 * {@code payload()[payloadOffset() .. payloadOffset() + payloadLength())} inside the received
 * frame. A segment described for sending usually carries only {@link #payloadLength()} (its
 * array {@code null}): the sender copies the octets straight from its send queue into the
 * frame after the header {@link #emit} wrote.
 *
 * <p><b>Addresses.</b> The addresses of the pseudo-header (RFC 9293 §3.1) travel with the
 * segment, so the interface can build the IP header of a segment a socket describes without
 * asking which socket made it, and a parsed segment says where it came from. An IPv4 address
 * is its {@code int}; a segment over IPv6 ({@link #isIpv6()}) carries both 128-bit addresses
 * as two {@code long}s each, and its {@code int} addresses are their
 * {@linkplain Ipv6Address#fold folds}, the keys the socket tables hash by.
 *
 * <p><b>Option layout.</b> {@link #emit} writes the options in the order and packing Linux
 * uses, so a capture of the stack reads like one of any host: in a SYN, MSS, then SACK-permitted
 * and timestamps sharing one 12-octet block ({@code 04 02 08 0a ...}: SACK-permitted fills the
 * two octets the timestamps would otherwise pad with NOPs), then NOP and window scale; in other
 * segments NOP NOP timestamps, then NOP NOP SACK. Every group is a whole number of 32-bit words,
 * so no end-of-list padding is needed, and {@link #optionsLength()} is exactly what is written.
 */
public final class TcpRepr {

    /** The most SACK blocks an option can carry (RFC 2018 §3: 4 without timestamps, 3 with). */
    public static final int MAX_SACK_BLOCKS = 4;

    /** The most option octets a TCP header can carry (RFC 9293 §3.1: data offset 15). */
    public static final int MAX_OPTIONS_LENGTH = 40;

    private final TcpOptionReader reader = new TcpOptionReader();

    private int sourceAddress;
    private int destinationAddress;
    private boolean ipv6;
    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;
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
    public TcpRepr clear() {
        sourceAddress = 0;
        destinationAddress = 0;
        ipv6 = false;
        sourceHigh = 0;
        sourceLow = 0;
        destinationHigh = 0;
        destinationLow = 0;
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
    public TcpRepr copyFrom(TcpRepr other) {
        sourceAddress = other.sourceAddress;
        destinationAddress = other.destinationAddress;
        ipv6 = other.ipv6;
        sourceHigh = other.sourceHigh;
        sourceLow = other.sourceLow;
        destinationHigh = other.destinationHigh;
        destinationLow = other.destinationLow;
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

    // ---- parse and emit

    /**
     * Fills this from a segment that passed {@link TcpPacket#check()} (the checksum is the
     * caller's to verify, or a device's that vouched for it), sent from {@code srcAddr} to
     * {@code dstAddr}: ports, numbers, the nine flag bits as they are, the raw window, the
     * options this stack speaks and the payload, lent in place. Other options are skipped; of a
     * repeated option the last counts, except SACK, whose blocks add up to four (a 40-octet
     * header cannot hold more). SEG.ACK without ACK and SEG.UP without URG are read as 0
     * (RFC 9293 §3.1: they are not significant then). Returns this.
     */
    public TcpRepr parse(TcpPacket packet, int srcAddr, int dstAddr) {
        clear();
        sourceAddress = srcAddr;
        destinationAddress = dstAddr;
        sourcePort = packet.srcPort();
        destinationPort = packet.dstPort();
        seq = packet.seqNumber();
        flags = packet.flags();
        window = packet.window();
        if (packet.ack()) {
            ackNumber = packet.ackNumber();
        }
        if (packet.urg()) {
            urgentPointer = packet.urgentPointer();
        }
        for (reader.wrap(packet); reader.next(); ) {
            switch (reader.kind()) {
                case TcpOptionReader.KIND_MSS -> mss(reader.mss());
                case TcpOptionReader.KIND_WINDOW_SCALE -> windowScale(reader.windowScale());
                case TcpOptionReader.KIND_SACK_PERMITTED -> sackPermitted = true;
                case TcpOptionReader.KIND_TIMESTAMPS -> timestamps(reader.tsVal(), reader.tsEcr());
                case TcpOptionReader.KIND_SACK -> {
                    for (int i = 0; i < reader.sackCount() && sackBlockCount < MAX_SACK_BLOCKS; i++) {
                        addSackBlock(reader.sackLeft(i), reader.sackRight(i));
                    }
                }
                default -> {
                    // EOL, NOP and options this stack does not speak
                }
            }
        }
        payload = packet.buffer();
        payloadOffset = packet.payloadOffset();
        payloadLength = packet.payloadLength();
        return this;
    }

    /**
     * Writes the header and options at {@code packet}'s offset, the checksum zero: the payload
     * is the caller's to put after the header, and then the checksum ({@link TcpPacket#fillChecksum},
     * or a device that offloads it). The view must span at least {@link #headerLength()} octets.
     * Returns the header length.
     */
    public int emit(TcpPacket packet) {
        int headerLength = headerLength();
        packet.setSrcPort(sourcePort).setDstPort(destinationPort).setSeqNumber(seq)
                .setAckNumber(isAck() ? ackNumber : 0).setDataOffset(headerLength / 4).setReservedBits(0)
                .setFlags(flags).setWindow(window).setChecksum(0).setUrgentPointer(isUrg() ? urgentPointer : 0);
        byte[] buf = packet.buffer();
        int at = packet.optionsOffset();
        if (hasMss) {
            buf[at] = TcpOptionReader.KIND_MSS;
            buf[at + 1] = 4;
            Bytes.put16(buf, at + 2, mss);
            at += 4;
        }
        if (hasTimestamps) {
            if (sackPermitted) {
                buf[at] = TcpOptionReader.KIND_SACK_PERMITTED;
                buf[at + 1] = 2;
            } else {
                buf[at] = TcpOptionReader.KIND_NOP;
                buf[at + 1] = TcpOptionReader.KIND_NOP;
            }
            buf[at + 2] = TcpOptionReader.KIND_TIMESTAMPS;
            buf[at + 3] = 10;
            Bytes.put32(buf, at + 4, tsVal);
            Bytes.put32(buf, at + 8, tsEcr);
            at += 12;
        } else if (sackPermitted) {
            buf[at] = TcpOptionReader.KIND_NOP;
            buf[at + 1] = TcpOptionReader.KIND_NOP;
            buf[at + 2] = TcpOptionReader.KIND_SACK_PERMITTED;
            buf[at + 3] = 2;
            at += 4;
        }
        if (hasWindowScale) {
            buf[at] = TcpOptionReader.KIND_NOP;
            buf[at + 1] = TcpOptionReader.KIND_WINDOW_SCALE;
            buf[at + 2] = 3;
            buf[at + 3] = (byte) windowScale;
            at += 4;
        }
        if (sackBlockCount > 0) {
            buf[at] = TcpOptionReader.KIND_NOP;
            buf[at + 1] = TcpOptionReader.KIND_NOP;
            buf[at + 2] = TcpOptionReader.KIND_SACK;
            buf[at + 3] = (byte) (2 + 8 * sackBlockCount);
            at += 4;
            for (int i = 0; i < sackBlockCount; i++) {
                Bytes.put32(buf, at, sackLeft[i]);
                Bytes.put32(buf, at + 4, sackRight[i]);
                at += 8;
            }
        }
        return headerLength;
    }

    /** The option octets {@link #emit} writes (see the class comment for the layout). */
    public int optionsLength() {
        int length = 0;
        if (hasMss) {
            length += 4;
        }
        if (hasTimestamps) {
            length += 12; // SACK-permitted, if present, rides in the timestamps' padding
        } else if (sackPermitted) {
            length += 4;
        }
        if (hasWindowScale) {
            length += 4;
        }
        if (sackBlockCount > 0) {
            length += 4 + 8 * sackBlockCount;
        }
        return length;
    }

    /**
     * The header {@link #emit} writes: 20 octets and the options.
     *
     * @throws IllegalStateException if the options exceed 40 octets (four SACK blocks with timestamps)
     */
    public int headerLength() {
        int options = optionsLength();
        if (options > MAX_OPTIONS_LENGTH) {
            throw new IllegalStateException("TCP options of " + options + " octets: " + this);
        }
        return TcpPacket.HEADER_LEN + options;
    }

    // ---- the pseudo-header's addresses

    /**
     * Makes this a segment over IPv6 from {@code srcHigh}/{@code srcLow} to
     * {@code dstHigh}/{@code dstLow}; the {@code int} addresses become their folds. Returns this.
     */
    public TcpRepr ipv6Addresses(long srcHigh, long srcLow, long dstHigh, long dstLow) {
        ipv6 = true;
        sourceHigh = srcHigh;
        sourceLow = srcLow;
        destinationHigh = dstHigh;
        destinationLow = dstLow;
        sourceAddress = Ipv6Address.fold(srcHigh, srcLow);
        destinationAddress = Ipv6Address.fold(dstHigh, dstLow);
        return this;
    }

    /**
     * Addresses this as the answer to {@code in}, in its family: over IPv4 from {@code localAddr}
     * to {@code remoteAddr} (where the handler was told {@code in} went and came from), over IPv6
     * from where {@code in} went to where it came from. Returns this.
     */
    public TcpRepr addressedBackTo(TcpRepr in, int localAddr, int remoteAddr) {
        if (in.ipv6) {
            return ipv6Addresses(in.destinationHigh, in.destinationLow, in.sourceHigh, in.sourceLow);
        }
        ipv6 = false;
        sourceAddress = localAddr;
        destinationAddress = remoteAddr;
        return this;
    }

    /**
     * Addresses this as {@code other} goes, in its family: over IPv4 from {@code srcAddr} to
     * {@code dstAddr}, over IPv6 with {@code other}'s addresses. Returns this.
     */
    public TcpRepr addressedAs(TcpRepr other, int srcAddr, int dstAddr) {
        if (other.ipv6) {
            return ipv6Addresses(other.sourceHigh, other.sourceLow, other.destinationHigh, other.destinationLow);
        }
        ipv6 = false;
        sourceAddress = srcAddr;
        destinationAddress = dstAddr;
        return this;
    }

    /** Whether the segment travels over IPv6: its addresses are in {@link #sourceHigh()} and the like. */
    public boolean isIpv6() {
        return ipv6;
    }

    public long sourceHigh() {
        return sourceHigh;
    }

    public long sourceLow() {
        return sourceLow;
    }

    public long destinationHigh() {
        return destinationHigh;
    }

    public long destinationLow() {
        return destinationLow;
    }

    /** The IPv4 source address of the pseudo-header (over IPv6, the source's fold). */
    public int sourceAddress() {
        return sourceAddress;
    }

    public TcpRepr sourceAddress(int address) {
        this.sourceAddress = address;
        return this;
    }

    /** The IPv4 destination address of the pseudo-header (over IPv6, the destination's fold). */
    public int destinationAddress() {
        return destinationAddress;
    }

    public TcpRepr destinationAddress(int address) {
        this.destinationAddress = address;
        return this;
    }

    // ---- header fields

    public int sourcePort() {
        return sourcePort;
    }

    public TcpRepr sourcePort(int port) {
        this.sourcePort = Bytes.requireUnsigned(port, 16, "source port");
        return this;
    }

    public int destinationPort() {
        return destinationPort;
    }

    public TcpRepr destinationPort(int port) {
        this.destinationPort = Bytes.requireUnsigned(port, 16, "destination port");
        return this;
    }

    /** SEG.SEQ: the sequence number of the first octet (of the SYN, if it has one). */
    public int seq() {
        return seq;
    }

    public TcpRepr seq(int seq) {
        this.seq = seq;
        return this;
    }

    /** SEG.ACK: the next sequence number the sender expects; meaningful only when {@link #isAck()}. */
    public int ackNumber() {
        return ackNumber;
    }

    /** Sets the ACK bit and SEG.ACK. */
    public TcpRepr ack(int ackNumber) {
        this.flags |= TcpFlags.ACK;
        this.ackNumber = ackNumber;
        return this;
    }

    /** The control bits: a union of the {@link TcpFlags} constants. */
    public int flags() {
        return flags;
    }

    /** Sets the control bits from the header's nine flag bits. */
    public TcpRepr flags(int flags) {
        this.flags = Bytes.requireUnsigned(flags, 9, "TCP flags");
        return this;
    }

    /** Sets the given bits, leaving the others. */
    public TcpRepr set(int bits) {
        return flags(flags | bits);
    }

    public boolean isSyn() {
        return (flags & TcpFlags.SYN) != 0;
    }

    public boolean isAck() {
        return (flags & TcpFlags.ACK) != 0;
    }

    public boolean isFin() {
        return (flags & TcpFlags.FIN) != 0;
    }

    public boolean isRst() {
        return (flags & TcpFlags.RST) != 0;
    }

    public boolean isPsh() {
        return (flags & TcpFlags.PSH) != 0;
    }

    public boolean isUrg() {
        return (flags & TcpFlags.URG) != 0;
    }

    public boolean isEce() {
        return (flags & TcpFlags.ECE) != 0;
    }

    public boolean isCwr() {
        return (flags & TcpFlags.CWR) != 0;
    }

    /** SEG.WND as it is in the header: 16 bits, not scaled. */
    public int window() {
        return window;
    }

    public TcpRepr window(int window) {
        this.window = Bytes.requireUnsigned(window, 16, "window");
        return this;
    }

    /** SEG.UP: meaningful only when {@link #isUrg()}. */
    public int urgentPointer() {
        return urgentPointer;
    }

    public TcpRepr urgentPointer(int urgentPointer) {
        this.urgentPointer = Bytes.requireUnsigned(urgentPointer, 16, "urgent pointer");
        return this;
    }

    /** SEG.LEN: the payload octets plus one for a SYN and one for a FIN (RFC 9293 §3.4). */
    public int segmentLength() {
        return payloadLength + (flags & TcpFlags.SYN) / TcpFlags.SYN + (flags & TcpFlags.FIN);
    }

    // ---- options

    /** Whether the Maximum Segment Size option is present (RFC 9293 §3.7.1; only in a SYN). */
    public boolean hasMss() {
        return hasMss;
    }

    public int mss() {
        return mss;
    }

    public TcpRepr mss(int mss) {
        this.mss = Bytes.requireUnsigned(mss, 16, "MSS");
        this.hasMss = true;
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

    public TcpRepr windowScale(int shift) {
        this.windowScale = Bytes.requireUnsigned(shift, 8, "shift count");
        this.hasWindowScale = true;
        return this;
    }

    /** Whether the SACK-permitted option is present (RFC 2018 §2; only in a SYN). */
    public boolean sackPermitted() {
        return sackPermitted;
    }

    public TcpRepr sackPermitted(boolean present) {
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
    public TcpRepr addSackBlock(int left, int right) {
        if (sackBlockCount == MAX_SACK_BLOCKS) {
            throw new IllegalStateException("a SACK option holds at most " + MAX_SACK_BLOCKS + " blocks");
        }
        sackLeft[sackBlockCount] = left;
        sackRight[sackBlockCount] = right;
        sackBlockCount++;
        return this;
    }

    /** Removes every SACK block. */
    public TcpRepr clearSackBlocks() {
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

    public TcpRepr timestamps(int tsVal, int tsEcr) {
        this.hasTimestamps = true;
        this.tsVal = tsVal;
        this.tsEcr = tsEcr;
        return this;
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
    public TcpRepr payload(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        this.payload = array;
        this.payloadOffset = offset;
        this.payloadLength = length;
        return this;
    }

    /** Describes {@code length} payload octets that are not in an array (yet). */
    public TcpRepr payloadLength(int length) {
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
     * a segment that goes as it is, and on every parsed one.
     */
    public int segmentSize() {
        return segmentSize;
    }

    public TcpRepr segmentSize(int octets) {
        if (octets < 0) {
            throw new IllegalArgumentException("negative segment size: " + octets);
        }
        this.segmentSize = octets;
        return this;
    }

    // ---- printing

    /**
     * The segment on one line, for failure messages and debugging:
     * {@code 49152 > 6969 [SYN,ACK] seq=1000 ack=2001 win=64240 len=0 mss=1460 ws=7 sackOK ts=5/0}.
     * The packet path never prints one; the tracer prints frames with {@link OneLinePrinter}.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(96);
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
            out.append(" ts=").append(Integer.toUnsignedString(tsVal)).append('/').append(Integer.toUnsignedString(tsEcr));
        }
        if (sackBlockCount > 0) {
            out.append(" sack=");
            for (int i = 0; i < sackBlockCount; i++) {
                out.append('[').append(Integer.toUnsignedString(sackLeft[i])).append('-')
                        .append(Integer.toUnsignedString(sackRight[i])).append(')');
            }
        }
        if (payload != null && payloadLength > 0) {
            out.append(" data=").append(Arrays.toString(Arrays.copyOfRange(payload, payloadOffset,
                    payloadOffset + Math.min(payloadLength, 16))));
        }
        return out.toString();
    }

    /** Appends the set control bits by name, {@code SYN,ACK}, or {@code -} for none. */
    public static StringBuilder appendFlags(StringBuilder out, int flags) {
        int start = out.length();
        appendFlag(out, flags, TcpFlags.SYN, "SYN", start);
        appendFlag(out, flags, TcpFlags.FIN, "FIN", start);
        appendFlag(out, flags, TcpFlags.RST, "RST", start);
        appendFlag(out, flags, TcpFlags.PSH, "PSH", start);
        appendFlag(out, flags, TcpFlags.ACK, "ACK", start);
        appendFlag(out, flags, TcpFlags.URG, "URG", start);
        appendFlag(out, flags, TcpFlags.ECE, "ECE", start);
        appendFlag(out, flags, TcpFlags.CWR, "CWR", start);
        appendFlag(out, flags, TcpFlags.NS, "NS", start);
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
}
