package dev.jnetlab.bench;

import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.EthernetRepr;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Octets;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse and emit of a full-size TCP segment: a 1500-octet IPv4 datagram (MTU 1500) carrying a
 * TCP header with timestamps and 1448 octets of data, in a 1514-octet Ethernet frame.
 *
 * <p>{@code views*} checks and verifies every header (both checksums), reads the fields and
 * options a TCP socket needs straight from the view, and writes a segment the same way.
 * {@code tcpRepr*} is what the interface does: the same checks, then the TCP header parsed into
 * one reused {@link TcpRepr} and emitted from it. Both must allocate nothing
 * ({@code gc.alloc.rate.norm} 0 with {@code -prof gc}); the difference is what the one
 * representation costs over reading the view directly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TcpSegmentBenchmark {
    private static final Ipv4Address SRC = Ipv4Address.parse("192.168.69.100");
    private static final Ipv4Address DST = Ipv4Address.parse("192.168.69.1");
    private static final int PAYLOAD = 1448;

    private final EthernetFrame ethernet = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final TcpPacket tcp = new TcpPacket();
    private final TcpOptionReader options = new TcpOptionReader();
    private final TcpRepr repr = new TcpRepr();
    private final TcpRepr reply = new TcpRepr();

    private byte[] received;
    private byte[] sent;
    private int tsVal;

    @Setup
    public void buildTheSegment() {
        TcpRepr tcpRepr = new TcpRepr().sourcePort(51234).destinationPort(6969).seq(708541128).ack((int) 3802825046L)
                .set(TcpFlags.PSH).window(502).timestamps(165058916, (int) 2434747395L);
        Ipv4Repr ipRepr = new Ipv4Repr(SRC, DST, IpProtocol.TCP, tcpRepr.headerLength() + PAYLOAD, 64, 0, 0, 15457, true,
                false, 0, Octets.EMPTY);
        EthernetRepr ethernetRepr = new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("02:00:00:00:00:01"),
                EtherType.IPV4);
        received = new byte[ethernetRepr.bufferLen(ipRepr.bufferLen())];
        sent = new byte[received.length];
        ethernetRepr.emit(ethernet.wrap(received, 0, received.length));
        ipRepr.emit(ip.wrap(received, EthernetFrame.HEADER_LEN, ipRepr.bufferLen()));
        byte[] payload = new byte[PAYLOAD];
        new Random(1500).nextBytes(payload);
        tcp.wrap(received, ip.payloadOffset(), ip.payloadLength());
        System.arraycopy(payload, 0, received, ip.payloadOffset() + tcpRepr.emit(tcp), PAYLOAD);
        tcp.fillChecksum(SRC.bits(), DST.bits());
        if (ipRepr.bufferLen() != 1500) {
            throw new IllegalStateException("a " + ipRepr.bufferLen() + "-octet datagram, not 1500");
        }
    }

    /** Checks and reads a received frame through the views; returns what a socket would use. */
    @Benchmark
    public long viewsParse() {
        return parseWithViews();
    }

    /** Writes a segment's headers through the views and fills both checksums over the 1448-octet payload. */
    @Benchmark
    public int viewsEmit() {
        return emitWithViews();
    }

    @Benchmark
    public long viewsParseAndEmit() {
        return parseWithViews() + emitWithViews();
    }

    /** Checks a received frame through the views and parses its TCP header into the reused representation. */
    @Benchmark
    public long tcpReprParse() {
        return parseWithRepr();
    }

    /** Writes a segment's headers, the TCP one emitted from the representation, and fills both checksums. */
    @Benchmark
    public int tcpReprEmit() {
        return emitWithRepr();
    }

    @Benchmark
    public long tcpReprParseAndEmit() {
        return parseWithRepr() + emitWithRepr();
    }

    private long parseWithRepr() {
        checkThroughTheViews();
        repr.parse(tcp, ip.source(), ip.destination());
        return (long) repr.sourcePort() << 48 ^ (long) repr.destinationPort() << 32 ^ repr.seq() ^ repr.ackNumber()
                ^ repr.flags() ^ repr.window() ^ repr.payloadLength() ^ repr.tsVal() ^ (long) repr.tsEcr() << 16;
    }

    private int emitWithRepr() {
        writeIpHeader();
        tcp.wrap(sent, ip.payloadOffset(), ip.length() - Ipv4Packet.HEADER_LEN);
        reply.sourcePort(6969).destinationPort(51234).seq((int) 3802825046L).ack(708541128 + PAYLOAD).set(TcpFlags.PSH)
                .window(502).timestamps(++tsVal, 165058916).emit(tcp);
        return tcp.fillChecksum(DST.bits(), SRC.bits()).checksum();
    }

    private void checkThroughTheViews() {
        ethernet.wrap(received, 0, received.length);
        if (ethernet.check() != null || ethernet.etherTypeValue() != EtherType.IPV4.value()) {
            throw new IllegalStateException();
        }
        ip.wrap(received, ethernet.payloadOffset(), ethernet.payloadLength());
        if (ip.check() != null || !ip.verifyChecksum() || ip.protocolValue() != IpProtocol.TCP.value()) {
            throw new IllegalStateException();
        }
        int src = ip.source();
        int dst = ip.destination();
        tcp.wrap(received, ip.payloadOffset(), ip.payloadLength());
        if (tcp.check() != null || !tcp.verifyChecksum(src, dst)) {
            throw new IllegalStateException();
        }
    }

    private long parseWithViews() {
        checkThroughTheViews();
        long seen = (long) tcp.srcPort() << 48 ^ (long) tcp.dstPort() << 32 ^ tcp.seqNumber() ^ tcp.ackNumber() ^ tcp.flags()
                ^ tcp.window() ^ tcp.payloadLength();
        for (options.wrap(tcp); options.next(); ) {
            if (options.kind() == TcpOptionReader.KIND_TIMESTAMPS) {
                seen ^= options.tsVal() ^ (long) options.tsEcr() << 16;
            }
        }
        return seen;
    }

    private void writeIpHeader() {
        ethernet.wrap(sent, 0, sent.length).setDestination(0x0200_0000_0001L).setSource(0x0200_0000_0002L)
                .setEtherTypeValue(EtherType.IPV4.value());
        ip.wrap(sent, EthernetFrame.HEADER_LEN, sent.length - EthernetFrame.HEADER_LEN).setVersion(4).setIhl(5).setDscp(0)
                .setEcn(0).setTotalLength(ip.length()).setIdentification(15457).setDontFragment(true).setMoreFragments(false)
                .setFragmentOffset(0).setTtl(64).setProtocolValue(IpProtocol.TCP.value()).setSource(SRC.bits())
                .setDestination(DST.bits()).fillChecksum();
    }

    private int emitWithViews() {
        writeIpHeader();
        tcp.wrap(sent, ip.payloadOffset(), ip.length() - Ipv4Packet.HEADER_LEN).setSrcPort(6969).setDstPort(51234)
                .setSeqNumber((int) 3802825046L).setAckNumber(708541128 + PAYLOAD).setDataOffset(8)
                .setFlags(TcpFlags.ACK | TcpFlags.PSH).setWindow(502).setUrgentPointer(0);
        byte[] buffer = tcp.buffer();
        int at = tcp.optionsOffset();
        buffer[at] = TcpOptionReader.KIND_NOP;
        buffer[at + 1] = TcpOptionReader.KIND_NOP;
        buffer[at + 2] = TcpOptionReader.KIND_TIMESTAMPS;
        buffer[at + 3] = 10;
        tsVal++;
        for (int shift = 24, i = 4; shift >= 0; shift -= 8, i++) {
            buffer[at + i] = (byte) (tsVal >>> shift);
            buffer[at + i + 4] = (byte) (165058916 >>> shift);
        }
        return tcp.fillChecksum(DST.bits(), SRC.bits()).checksum();
    }
}
