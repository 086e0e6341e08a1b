package dev.jnetlab.stack.phy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The records of a little-endian libpcap file, read back independently of the writer. */
final class PcapRecords {
    static final int FILE_HEADER_LEN = 24;
    static final int RECORD_HEADER_LEN = 16;

    /** One record: its time stamp in microseconds since 1970, the frame's original length, the octets kept. */
    record Record(long micros, int originalLength, byte[] data) {
        int sequence() {
            return TestFrames.sequence(data, 0);
        }
    }

    private PcapRecords() {
    }

    static List<Record> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        in.position(FILE_HEADER_LEN);
        List<Record> records = new ArrayList<>();
        while (in.remaining() >= RECORD_HEADER_LEN) {
            long seconds = Integer.toUnsignedLong(in.getInt());
            long micros = Integer.toUnsignedLong(in.getInt());
            int captured = in.getInt();
            int original = in.getInt();
            byte[] data = Arrays.copyOfRange(in.array(), in.position(), in.position() + captured);
            in.position(in.position() + captured);
            records.add(new Record(seconds * 1_000_000 + micros, original, data));
        }
        if (in.hasRemaining()) {
            throw new IOException(file + " ends inside a record header");
        }
        return records;
    }
}
