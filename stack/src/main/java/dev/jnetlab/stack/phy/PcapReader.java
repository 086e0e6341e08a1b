package dev.jnetlab.stack.phy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a capture in the classic libpcap format, what {@link PcapFile} writes and what
 * {@code tcpdump -w} writes: the 24-octet file header in either byte order (the magic number
 * tells which), with microsecond ({@code 0xa1b2c3d4}) or nanosecond ({@code 0xa1b23c4d}) time
 * stamps, link type Ethernet; then one record per frame. The whole file is read at once (a
 * capture to plot, not a live one). A pcapng file, another link type, or a record cut short is
 * refused with what it is.
 */
public final class PcapReader {
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_BLOCK = 0x0a0d0d0a;

    /** Why a capture cannot be read, in the words of the file rather than the code. */
    public static final class Unreadable extends IOException {
        public Unreadable(Path path, String why) {
            super(path + ": " + why);
        }

        /** No stack trace: it describes the file, not the code (ARCHITECTURE.md §6). */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final Path path;
    private final ByteBuffer data;
    private final boolean nanos;
    private long time;
    private int offset;
    private int length;
    private int records;

    private PcapReader(Path path, ByteBuffer data, boolean nanos) {
        this.path = path;
        this.data = data;
        this.nanos = nanos;
    }

    public static PcapReader open(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new Unreadable(path, "no such file");
        } catch (IOException e) {
            throw new Unreadable(path, "cannot be read (" + e.getMessage() + ")");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        if (bytes.length < FILE_HEADER) {
            throw new Unreadable(path, "not a capture: " + bytes.length + " octets, shorter than a pcap file header");
        }
        int magic = data.getInt(0);
        if (magic == PCAPNG_BLOCK) {
            throw new Unreadable(path, "a pcapng file; write the classic format (tcpdump -w does, "
                    + "or convert with 'editcap -F pcap IN OUT')");
        }
        boolean nanos;
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            nanos = magic == MAGIC_NANOS;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            nanos = Integer.reverseBytes(magic) == MAGIC_NANOS;
            data.order(ByteOrder.LITTLE_ENDIAN);
        } else {
            throw new Unreadable(path, String.format("not a pcap capture (magic number 0x%08x)", magic));
        }
        int linkType = data.getInt(20) & 0x0FFF_FFFF;
        if (linkType != PcapFile.LINKTYPE_ETHERNET) {
            throw new Unreadable(path, "link type " + linkType + ", not Ethernet (1): capture on an Ethernet "
                    + "interface, not 'any'");
        }
        data.position(FILE_HEADER);
        return new PcapReader(path, data, nanos);
    }

    /**
     * Moves to the next frame; false at the end of the file.
     *
     * @throws Unreadable when the last record is cut short
     */
    public boolean next() throws Unreadable {
        if (data.remaining() == 0) {
            return false;
        }
        if (data.remaining() < RECORD_HEADER) {
            throw new Unreadable(path, "record " + (records + 1) + " is cut short");
        }
        long seconds = data.getInt() & 0xFFFF_FFFFL;
        long fraction = data.getInt() & 0xFFFF_FFFFL;
        int captured = data.getInt();
        data.getInt();
        if (captured < 0 || captured > data.remaining()) {
            throw new Unreadable(path, "record " + (records + 1) + " is cut short");
        }
        time = seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction);
        offset = data.position();
        length = captured;
        data.position(offset + captured);
        records++;
        return true;
    }

    /** The current frame's time stamp, microseconds since the Unix epoch. */
    public long time() {
        return time;
    }

    /** The array the current frame is in, from {@link #offset()} for {@link #length()} octets. */
    public byte[] frame() {
        return data.array();
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }
}
