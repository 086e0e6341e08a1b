package dev.jnetlab.stack.phy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pcapng file (draft-ietf-opsawg-pcapng, "PCAP Next Generation Dump File Format"):
 * what tshark, dumpcap and Wireshark write unless told {@code -F pcap}. A file is sections, each
 * a Section Header Block (its byte-order magic says the section's byte order, §4.1) then
 * blocks, each {@code type, total length, body, total length} (§3.1). This reader uses:
 *
 * <ul>
 *   <li>the Interface Description Block (§4.2): each interface's link type and snap length, and
 *       its {@code if_tsresol} and {@code if_tsoffset} options (how to read its time stamps);</li>
 *   <li>the Enhanced Packet Block (§4.3): a frame, its interface and its time stamp;</li>
 *   <li>the Simple Packet Block (§4.4): a frame on the first interface, with no time stamp
 *       (it is given the time of the frame before it);</li>
 * </ul>
 *
 * <p>and steps over every other block by its length (name resolution, statistics, journal
 * entries, custom blocks). Interfaces are numbered anew in each section. A block cut short ends
 * the reading, said as for classic pcap.
 */
final class PcapngReader {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 0x00000001;
    static final int SIMPLE_PACKET = 0x00000003;
    static final int ENHANCED_PACKET = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** Options of an Interface Description Block (§4.2). */
    static final int OPT_END = 0;
    static final int IF_TSRESOL = 9;
    static final int IF_TSOFFSET = 14;
    /** The smallest block: type, total length and the length again. */
    private static final int MIN_BLOCK = 12;

    /** An interface of the section: how its frames and time stamps read. */
    private record Interface(int linkType, int snapLength, long unitsPerSecond, boolean decimal, long offsetSeconds) {
        long micros(long stamp) {
            long seconds = decimal ? stamp / unitsPerSecond : stamp >>> Long.numberOfTrailingZeros(unitsPerSecond);
            long fraction = decimal ? stamp % unitsPerSecond : stamp & (unitsPerSecond - 1);
            long micros = decimal && unitsPerSecond <= 1_000_000 ? fraction * (1_000_000 / unitsPerSecond)
                    : decimal ? fraction / (unitsPerSecond / 1_000_000) : (long) (fraction * 1e6 / unitsPerSecond);
            return (offsetSeconds + seconds) * 1_000_000L + micros;
        }
    }

    private PcapngReader() {
    }

    /** Whether the file starts with a Section Header Block (its type reads the same in both byte orders). */
    static boolean isPcapng(byte[] octets) {
        return octets.length >= 4 && ByteBuffer.wrap(octets).getInt(0) == SECTION_HEADER;
    }

    static PcapReader.Capture read(Path path, byte[] octets) throws CaptureFileException {
        ByteBuffer in = ByteBuffer.wrap(octets);
        List<PcapReader.Record> records = new ArrayList<>();
        List<Interface> interfaces = new ArrayList<>();
        long lastMicros = 0;
        int at = 0;
        while (at < octets.length) {
            if (octets.length - at < MIN_BLOCK) {
                return new PcapReader.Capture(records, true);
            }
            // The section header's type reads the same in either order; every other block's in its section's.
            int type = in.getInt(at);
            if (type == SECTION_HEADER) {
                if (octets.length - at < MIN_BLOCK + 4) {
                    return new PcapReader.Capture(records, true);
                }
                in.order(sectionOrder(path, in.order(ByteOrder.BIG_ENDIAN).getInt(at + 8), at));
                interfaces.clear();
            } else if (at == 0) {
                throw new CaptureFileException(path, path + " is not a pcapng file: it does not start with a section header", null);
            }
            int length = in.getInt(at + 4);
            if (length < MIN_BLOCK || length % 4 != 0) {
                throw new CaptureFileException(path, path + ": the pcapng block at octet " + at + " says it is " + length
                        + " octets long (a block is a multiple of 4, at least 12)", null);
            }
            if (length > octets.length - at) {
                return new PcapReader.Capture(records, true);
            }
            int body = at + 8;
            int bodyLength = length - MIN_BLOCK;
            switch (type) {
                case INTERFACE_DESCRIPTION -> interfaces.add(describe(path, in, body, bodyLength));
                case ENHANCED_PACKET -> {
                    int id = in.getInt(body);
                    Interface iface = interfaceOf(path, interfaces, id, at);
                    long stamp = (in.getInt(body + 4) & 0xFFFF_FFFFL) << 32 | in.getInt(body + 8) & 0xFFFF_FFFFL;
                    int captured = in.getInt(body + 12);
                    int original = in.getInt(body + 16);
                    if (captured < 0 || captured > bodyLength - 20) {
                        throw new CaptureFileException(path, path + ": the packet block at octet " + at + " holds "
                                + captured + " octets in a block of " + length, null);
                    }
                    lastMicros = iface.micros(stamp);
                    add(records, iface, lastMicros, octets, body + 20, captured, original);
                }
                case SIMPLE_PACKET -> {
                    Interface iface = interfaceOf(path, interfaces, 0, at);
                    int original = in.getInt(body);
                    int captured = Math.min(original, bodyLength - 4);
                    if (iface.snapLength() > 0) {
                        captured = Math.min(captured, iface.snapLength());
                    }
                    add(records, iface, lastMicros, octets, body + 4, Math.max(0, captured), original);
                }
                default -> {
                    // Every other block (and the section header, read above) is stepped over by its length (§3.1).
                }
            }
            at += length;
        }
        return new PcapReader.Capture(records, false);
    }

    private static ByteOrder sectionOrder(Path path, int magicAsBigEndian, int at) throws CaptureFileException {
        if (magicAsBigEndian == BYTE_ORDER_MAGIC) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (magicAsBigEndian == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        throw new CaptureFileException(path, path + ": the pcapng section at octet " + at
                + " has no byte-order magic (0x1A2B3C4D)", null);
    }

    private static Interface describe(Path path, ByteBuffer in, int body, int bodyLength) throws CaptureFileException {
        int linkType = in.getShort(body) & 0xFFFF;
        if (!LinuxCookedHeader.readable(linkType)) {
            throw new CaptureFileException(path, path + " " + LinuxCookedHeader.refusal(linkType), null);
        }
        int snapLength = in.getInt(body + 4);
        long units = 1_000_000;
        boolean decimal = true;
        long offset = 0;
        int option = body + 8;
        int end = body + bodyLength;
        while (option + 4 <= end) {
            int code = in.getShort(option) & 0xFFFF;
            int length = in.getShort(option + 2) & 0xFFFF;
            if (code == OPT_END || option + 4 + length > end) {
                break;
            }
            if (code == IF_TSRESOL && length >= 1) {
                int resolution = in.get(option + 4) & 0xFF;
                decimal = (resolution & 0x80) == 0;
                int exponent = resolution & 0x7F;
                if (decimal ? exponent > 18 : exponent > 62) {
                    throw new CaptureFileException(path, path + ": an interface's time stamps are in units of "
                            + (decimal ? "10" : "2") + "^-" + exponent + " s, finer than this reader follows", null);
                }
                units = decimal ? pow10(exponent) : 1L << exponent;
            } else if (code == IF_TSOFFSET && length >= 8) {
                offset = in.getLong(option + 4);
            }
            option += 4 + (length + 3 & ~3);
        }
        return new Interface(linkType, snapLength, units, decimal, offset);
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    private static Interface interfaceOf(Path path, List<Interface> interfaces, int id, int at) throws CaptureFileException {
        if (id < 0 || id >= interfaces.size()) {
            throw new CaptureFileException(path, path + ": the packet block at octet " + at + " names interface " + id
                    + ", and its section describes " + interfaces.size(), null);
        }
        return interfaces.get(id);
    }

    private static void add(List<PcapReader.Record> records, Interface iface, long micros, byte[] octets, int offset,
                            int captured, int original) {
        byte[] frame = LinuxCookedHeader.ethernet(iface.linkType(), octets, offset, captured);
        if (frame != null) {
            records.add(new PcapReader.Record(micros, frame, original + LinuxCookedHeader.growth(iface.linkType())));
        }
    }
}
