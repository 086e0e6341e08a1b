package dev.jnetlab.stack.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes frames to a classic pcap file (Ethernet link type) so that tcpdump can read them back. */
final class PcapFile {
    private static final int MAGIC = 0xA1B2C3D4;
    private static final int LINKTYPE_ETHERNET = 1;

    private PcapFile() {
    }

    static Path write(Path file, byte[]... frames) throws IOException {
        int size = 24;
        for (byte[] frame : frames) {
            size += 16 + frame.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(LINKTYPE_ETHERNET);
        int second = 0;
        for (byte[] frame : frames) {
            out.putInt(second++).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        }
        return Files.write(file, out.array());
    }
}
