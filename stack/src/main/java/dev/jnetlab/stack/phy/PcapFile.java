package dev.jnetlab.stack.phy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file being written in the classic libpcap format, which tcpdump, tshark and
 * Wireshark read: a 24-octet file header (magic {@code 0xa1b2c3d4}, version 2.4, snapshot
 * length 65535, link type 1 = Ethernet), then per frame a 16-octet record header (seconds,
 * microseconds, captured length, original length) and the frame.
 *
 * <p>Every number is written little-endian; readers tell the byte order from how the magic
 * number reads. Each frame goes to the file in one {@code write(2)}, header and data together,
 * so a reader following the file ({@code tail -f}, {@code tshark -r}) sees whole frames while the
 * capture runs. The record is assembled in one preallocated direct buffer: writing a frame
 * allocates nothing.
 *
 * <p>Time stamps are wall-clock microseconds: the file's epoch (the wall-clock time at stack
 * instant 0, given when the file is created, so tests are reproducible) plus the stack instant.
 */
public final class PcapFile implements AutoCloseable {
    /** Frames longer than this are cut to it in the file (their original length is still recorded). */
    public static final int SNAPLEN = 65_535;
    /** LINKTYPE_ETHERNET: frames start with the Ethernet II header. */
    public static final int LINKTYPE_ETHERNET = 1;

    private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    private static final short VERSION_MAJOR = 2;
    private static final short VERSION_MINOR = 4;
    private static final int RECORD_HEADER_LEN = 16;

    private final Path path;
    private final FileChannel channel;
    private final long epochMicros;
    private final ByteBuffer record;
    private long frames;

    private PcapFile(Path path, FileChannel channel, long epochMicros) {
        this.path = path;
        this.channel = channel;
        this.epochMicros = epochMicros;
        this.record = ByteBuffer.allocateDirect(RECORD_HEADER_LEN + SNAPLEN).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Creates (or empties) the file at {@code path} and writes the file header.
     *
     * @param epochMicros the wall-clock time, in microseconds since 1970, of stack instant 0
     * @throws CaptureFileException naming the path and the reason (no such directory,
     *                              permission denied, is a directory, disk full...)
     */
    public static PcapFile create(Path path, long epochMicros) throws CaptureFileException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            PcapFile file = new PcapFile(path, channel, epochMicros);
            file.writeFileHeader();
            return file;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new CaptureFileException(path, "cannot create capture file " + path + ": " + reason(e), e);
        }
    }

    private void writeFileHeader() throws IOException {
        record.clear();
        record.putInt(MAGIC_MICROSECONDS)
                .putShort(VERSION_MAJOR)
                .putShort(VERSION_MINOR)
                .putInt(0) // thiszone: time stamps are UTC
                .putInt(0) // sigfigs: always 0 in practice
                .putInt(SNAPLEN)
                .putInt(LINKTYPE_ETHERNET);
        writeRecord();
    }

    /** Appends one frame seen at stack instant {@code now}. */
    public void write(long now, byte[] frame, int offset, int length) throws IOException {
        long micros = epochMicros + now;
        int captured = Math.min(length, SNAPLEN);
        record.clear();
        record.putInt((int) Math.floorDiv(micros, 1_000_000L))
                .putInt((int) Math.floorMod(micros, 1_000_000L))
                .putInt(captured)
                .putInt(length)
                .put(frame, offset, captured);
        writeRecord();
        frames++;
    }

    private void writeRecord() throws IOException {
        record.flip();
        while (record.hasRemaining()) {
            channel.write(record);
        }
    }

    public Path path() {
        return path;
    }

    /** Frames written so far. */
    public long frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Why an I/O operation failed, in the words of the operating system rather than Java's: what
     * every file the console writes (a capture, a report, a picture) says when it cannot.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
