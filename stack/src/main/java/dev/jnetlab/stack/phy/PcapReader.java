package dev.jnetlab.stack.phy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a capture file in the classic libpcap format (the one {@link PcapFile} writes, and
 * tcpdump -w, tshark -F pcap, Wireshark's "pcap"): the file header, then one record per frame.
 * Either byte order, microsecond (0xa1b2c3d4) or nanosecond (0xa1b23c4d) time stamps. A file
 * that starts with a pcapng Section Header Block (tshark's, dumpcap's and Wireshark's default)
 * is read by {@link PcapngReader} into the same records. Ethernet frames, and Linux cooked ones
 * ({@code tcpdump -i any}) turned into Ethernet ({@link LinuxCookedHeader}). A last record cut
 * short (a capture still being written, a full disk) ends the reading and is said. Reads the
 * whole file at once: a person's command, not the packet path.
 */
public final class PcapReader {
    private static final int FILE_HEADER_LEN = 24;
    private static final int RECORD_HEADER_LEN = 16;
    private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;

    private PcapReader() {
    }

    /**
     * One frame of the file.
     *
     * @param micros         its time stamp, microseconds since 1970
     * @param frame          the octets captured
     * @param originalLength the frame's length on the wire (more than captured when the snap length cut it)
     */
    public record Record(long micros, byte[] frame, int originalLength) {
    }

    /**
     * The frames of a file.
     *
     * @param cutShort whether the file ended inside a record
     */
    public record Capture(List<Record> records, boolean cutShort) {
        public Capture {
            records = List.copyOf(records);
        }
    }

    /**
     * Reads {@code path}.
     *
     * @throws CaptureFileException naming the file and why it is no pcap file of Ethernet frames
     */
    public static Capture read(Path path) throws CaptureFileException {
        byte[] octets;
        try {
            octets = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CaptureFileException(path, "cannot read " + path + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : PcapFile.reason(e)), e);
        }
        if (PcapngReader.isPcapng(octets)) {
            return PcapngReader.read(path, octets);
        }
        if (octets.length < FILE_HEADER_LEN) {
            throw new CaptureFileException(path, path + " is not a pcap file: " + octets.length
                    + " octets, shorter than the 24 of its header", null);
        }
        ByteBuffer in = ByteBuffer.wrap(octets).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic != MAGIC_MICROSECONDS && magic != MAGIC_NANOSECONDS) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = in.getInt(0);
        }
        if (magic != MAGIC_MICROSECONDS && magic != MAGIC_NANOSECONDS) {
            throw new CaptureFileException(path, path + " is not a capture file (its first octets are neither pcap's"
                    + " magic number nor a pcapng section header)", null);
        }
        boolean nanoseconds = magic == MAGIC_NANOSECONDS;
        int linkType = in.getInt(20);
        if (!LinuxCookedHeader.readable(linkType)) {
            throw new CaptureFileException(path, path + " " + LinuxCookedHeader.refusal(linkType), null);
        }
        List<Record> records = new ArrayList<>();
        int at = FILE_HEADER_LEN;
        while (at < octets.length) {
            if (octets.length - at < RECORD_HEADER_LEN) {
                return new Capture(records, true);
            }
            long seconds = in.getInt(at) & 0xFFFF_FFFFL;
            long fraction = in.getInt(at + 4) & 0xFFFF_FFFFL;
            int captured = in.getInt(at + 8);
            int original = in.getInt(at + 12);
            if (captured < 0 || captured > octets.length - at - RECORD_HEADER_LEN) {
                return new Capture(records, true);
            }
            byte[] frame = LinuxCookedHeader.ethernet(linkType, octets, at + RECORD_HEADER_LEN, captured);
            if (frame != null) { // a cooked record shorter than its own header carries no frame
                records.add(new Record(seconds * 1_000_000L + (nanoseconds ? fraction / 1000 : fraction), frame,
                        original + LinuxCookedHeader.growth(linkType)));
            }
            at += RECORD_HEADER_LEN + captured;
        }
        return new Capture(records, false);
    }
}
