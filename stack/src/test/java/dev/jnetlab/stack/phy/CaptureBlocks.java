package dev.jnetlab.stack.phy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Capture files built by hand, block by block, in either byte order, for the readers' tests:
 * pcapng's blocks as draft-ietf-opsawg-pcapng §3-4 lays them out, a classic pcap header and
 * record, and the two Linux cooked headers.
 */
final class CaptureBlocks {
    private final ByteOrder order;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    CaptureBlocks(ByteOrder order) {
        this.order = order;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    /** A block: type, total length, the body padded to 32 bits, total length again (§3.1). */
    CaptureBlocks block(int type, byte[] body) {
        int padded = body.length + 3 & ~3;
        ByteBuffer block = ByteBuffer.allocate(12 + padded).order(order);
        block.putInt(type).putInt(12 + padded).put(body).position(8 + padded);
        block.putInt(12 + padded);
        out.writeBytes(block.array());
        return this;
    }

    /** A Section Header Block, version 1.0, section length unknown (-1) (§4.1). */
    CaptureBlocks sectionHeader() {
        return block(PcapngReader.SECTION_HEADER, buffer(16).putInt(PcapngReader.BYTE_ORDER_MAGIC).putShort((short) 1)
                .putShort((short) 0).putLong(-1).array());
    }

    /** An Interface Description Block with {@code options} already encoded (§4.2). */
    CaptureBlocks interfaceDescription(int linkType, int snapLength, byte[] options) {
        return block(PcapngReader.INTERFACE_DESCRIPTION, buffer(8 + options.length).putShort((short) linkType)
                .putShort((short) 0).putInt(snapLength).put(options).array());
    }

    /** One option, padded, then opt_endofopt. */
    byte[] option(int code, byte[] value) {
        int padded = value.length + 3 & ~3;
        return buffer(4 + padded + 4).putShort((short) code).putShort((short) value.length).put(value)
                .position(4 + padded).putInt(0).array();
    }

    /** An Enhanced Packet Block (§4.3). */
    CaptureBlocks enhancedPacket(int interfaceId, long stamp, byte[] data, int originalLength) {
        int padded = data.length + 3 & ~3;
        return block(PcapngReader.ENHANCED_PACKET, buffer(20 + padded).putInt(interfaceId).putInt((int) (stamp >>> 32))
                .putInt((int) stamp).putInt(data.length).putInt(originalLength).put(data).array());
    }

    /** A Simple Packet Block (§4.4). */
    CaptureBlocks simplePacket(byte[] data, int originalLength) {
        return block(PcapngReader.SIMPLE_PACKET, buffer(4 + data.length).putInt(originalLength).put(data).array());
    }

    /** A classic pcap file header (microsecond stamps, version 2.4). */
    CaptureBlocks pcapHeader(int linkType) {
        out.writeBytes(buffer(24).putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(linkType).array());
        return this;
    }

    /** A classic pcap record. */
    CaptureBlocks pcapRecord(long micros, byte[] data) {
        out.writeBytes(buffer(16 + data.length).putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(data.length).putInt(data.length).put(data).array());
        return this;
    }

    private ByteBuffer buffer(int length) {
        return ByteBuffer.allocate(length).order(order);
    }

    /** A LINKTYPE_LINUX_SLL header before {@code payload}: always network byte order. */
    static byte[] sll(int packetType, byte[] mac, int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        b.putShort((short) packetType).putShort((short) 1).putShort((short) mac.length).put(mac)
                .position(14);
        return b.putShort((short) protocol).put(payload).array();
    }

    /** A LINKTYPE_LINUX_SLL2 header before {@code payload}: always network byte order. */
    static byte[] sll2(int packetType, byte[] mac, int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) protocol).putShort((short) 0).putInt(2).putShort((short) 1).put((byte) packetType)
                .put((byte) mac.length).put(mac).position(20);
        return b.put(payload).array();
    }
}
