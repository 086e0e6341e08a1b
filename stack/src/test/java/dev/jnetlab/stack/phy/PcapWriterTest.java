package dev.jnetlab.stack.phy;

import dev.jnetlab.testing.ExternalTool;

import dev.jnetlab.testing.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.PcapRecords.Record;
import dev.jnetlab.stack.phy.TestFrames.Counter;
import dev.jnetlab.stack.phy.TestFrames.Numbered;
import dev.jnetlab.stack.phy.TestFrames.Recorder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {
    /** 2023-11-14T22:13:20.123456Z: the wall-clock time of stack instant 0 in every capture here. */
    private static final long EPOCH = 1_700_000_000_123_456L;

    @TempDir
    Path dir;

    @Nested
    class TheFile {
        @Test
        void startsWithTheLibpcapFileHeader() throws IOException {
            Path path = dir.resolve("empty.pcap");
            PcapFile.create(path, EPOCH).close();
            ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(24, header.remaining());
            assertEquals(0xa1b2c3d4, header.getInt(), "magic: microsecond time stamps");
            assertEquals(2, header.getShort(), "major version");
            assertEquals(4, header.getShort(), "minor version");
            assertEquals(0, header.getInt(), "thiszone");
            assertEquals(0, header.getInt(), "sigfigs");
            assertEquals(65_535, header.getInt(), "snaplen");
            assertEquals(1, header.getInt(), "LINKTYPE_ETHERNET");
        }

        @Test
        void writesEachFrameWithItsWallClockTimeStamp() throws IOException {
            Path path = dir.resolve("one.pcap");
            try (PcapFile file = PcapFile.create(path, EPOCH)) {
                file.write(2_900_000, TestFrames.frame(60, 7), 0, 60);
                assertEquals(1, file.frames());
            }
            byte[] bytes = Files.readAllBytes(path);
            ByteBuffer record = ByteBuffer.wrap(bytes, 24, 16).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(1_700_000_003, record.getInt(), "seconds");
            assertEquals(23_456, record.getInt(), "microseconds: .123456 + 2.9 s carries into the seconds");
            assertEquals(60, record.getInt(), "captured length");
            assertEquals(60, record.getInt(), "original length");
            assertEquals(24 + 16 + 60, bytes.length);
            assertArrayEquals(TestFrames.frame(60, 7), PcapRecords.read(path).get(0).data());
        }

        @Test
        void cutsAFrameLongerThanTheSnapshotLengthButKeepsItsLength() throws IOException {
            Path path = dir.resolve("jumbo.pcap");
            try (PcapFile file = PcapFile.create(path, EPOCH)) {
                file.write(0, new byte[70_000], 0, 70_000);
            }
            Record record = PcapRecords.read(path).get(0);
            assertEquals(65_535, record.data().length);
            assertEquals(70_000, record.originalLength());
        }

        @Test
        void replacesAnExistingFile() throws IOException {
            Path path = dir.resolve("again.pcap");
            Files.write(path, new byte[1000]);
            PcapFile.create(path, EPOCH).close();
            assertEquals(24, Files.size(path));
        }
    }

    @Nested
    class WhenTheFileCannotBeCreated {
        @Test
        void saysThatTheDirectoryDoesNotExist() {
            Path path = dir.resolve("no/such/dir/x.pcap");
            CaptureFileException e = assertThrows(CaptureFileException.class, () -> PcapFile.create(path, EPOCH));
            assertEquals(path, e.path());
            assertEquals("cannot create capture file " + path + ": its directory does not exist", e.getMessage());
        }

        @Test
        void saysThatThePathIsADirectory() {
            CaptureFileException e = assertThrows(CaptureFileException.class, () -> PcapFile.create(dir, EPOCH));
            assertEquals("cannot create capture file " + dir + ": Is a directory", e.getMessage());
        }

        @Test
        void saysThatTheDiskIsFull() {
            Path full = Path.of("/dev/full");
            Assumptions.assumeTrue(Files.isWritable(full), "no writable /dev/full here");
            CaptureFileException e = assertThrows(CaptureFileException.class, () -> PcapFile.create(full, EPOCH));
            assertEquals("cannot create capture file /dev/full: No space left on device", e.getMessage());
        }
    }

    @Nested
    class AsMiddleware {
        private final VirtualWire wire = new VirtualWire();
        private final Numbered fromStack = new Numbered(TestFrames.MIN_LEN);
        private final Numbered fromPeer = new Numbered(TestFrames.MIN_LEN);

        @Test
        void recordsBothDirectionsInTheOrderTheyHappened() throws IOException {
            Path path = dir.resolve("both.pcap");
            PcapWriter writer = new PcapWriter(wire.a(), PcapFile.create(path, EPOCH));
            fromPeer.next = 100;
            fromStack.sendThrough(writer, 1_000);
            fromPeer.sendThrough(wire.b(), 2_000);
            // The stack answers from inside its receive: the request is recorded before the reply.
            assertTrue(writer.receive(3_000, (frame, offset, length) -> fromStack.sendThrough(writer, 3_000)));
            assertEquals(3, writer.stop().frames());

            List<Record> records = PcapRecords.read(path);
            assertEquals(List.of(0, 100, 1), records.stream().map(Record::sequence).toList());
            assertEquals(List.of(EPOCH + 1_000, EPOCH + 3_000, EPOCH + 3_000),
                    records.stream().map(Record::micros).toList());
            Recorder atPeer = new Recorder();
            atPeer.drain(wire.b(), 3_000);
            assertEquals(List.of(0, 1), atPeer.sequences(), "frames pass unchanged");
            assertArrayEquals(atPeer.frames.get(1), records.get(2).data());
        }

        @Test
        void capturesOnlyBetweenStartAndStop() throws IOException {
            PcapWriter writer = new PcapWriter(wire.a());
            assertFalse(writer.capture().isPresent());
            fromStack.sendThrough(writer, 0);
            PcapFile file = PcapFile.create(dir.resolve("window.pcap"), EPOCH);
            writer.start(file);
            assertSame(file, writer.capture().orElseThrow());
            fromStack.sendThrough(writer, 10);
            fromPeer.sendThrough(wire.b(), 10);
            assertTrue(writer.receive(20, new Recorder()));
            assertSame(file, writer.stop());
            fromStack.sendThrough(writer, 30);

            assertEquals(2, file.frames());
            assertEquals(List.of(1, 0), PcapRecords.read(file.path()).stream().map(Record::sequence).toList());
            Recorder atPeer = new Recorder();
            atPeer.drain(wire.b(), 30);
            assertEquals(List.of(0, 1, 2), atPeer.sequences(), "every frame went through, captured or not");
        }

        @Test
        void refusesASecondCaptureAndAStopWithoutOne() throws IOException {
            Path path = dir.resolve("first.pcap");
            PcapWriter writer = new PcapWriter(wire.a(), PcapFile.create(path, EPOCH));
            try (PcapFile second = PcapFile.create(dir.resolve("second.pcap"), EPOCH)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.start(second));
                assertEquals("already capturing to " + path, e.getMessage());
            }
            writer.stop();
            assertEquals("not capturing", assertThrows(IllegalStateException.class, writer::stop).getMessage());
        }

        @Test
        void aCaptureThatFailsStopsAndTheLinkGoesOn() throws IOException {
            Path path = dir.resolve("broken.pcap");
            PcapFile file = PcapFile.create(path, EPOCH);
            PcapWriter writer = new PcapWriter(wire.a(), file);
            file.close(); // the file fails under the writer, as a full disk would
            assertTrue(fromStack.sendThrough(writer, 0));
            fromPeer.sendThrough(wire.b(), 0);
            assertTrue(writer.receive(0, new Recorder()));

            assertFalse(writer.capture().isPresent());
            CaptureFileException failure = writer.failure().orElseThrow();
            assertEquals(path, failure.path());
            assertTrue(failure.getMessage().startsWith("capture to " + path + " stopped: "), failure.getMessage());
            assertTrue(wire.b().receive(0, new Recorder()), "the frame still went out");

            writer.start(PcapFile.create(dir.resolve("next.pcap"), EPOCH));
            assertFalse(writer.failure().isPresent(), "a new capture forgets the old failure");
            writer.stop();
        }

        @Test
        void announcesTheCapabilitiesOfTheDeviceItWraps() {
            assertEquals(wire.a().capabilities(), new PcapWriter(wire.a()).capabilities());
        }

        @Test
        void allocatesNothingPerFrame() throws IOException {
            PcapWriter writer = new PcapWriter(wire.a(), PcapFile.create(dir.resolve("many.pcap"), EPOCH));
            Counter atStack = new Counter();
            Counter atPeer = new Counter();
            int frames = 20_000;
            long[] now = {0};
            AllocationMeter.assertNoAllocationPerFrame(frames, () -> {
                for (int i = 0; i < frames; i++) {
                    long at = now[0] += 10;
                    fromStack.sendThrough(writer, at);
                    fromPeer.sendThrough(wire.b(), at);
                    writer.receive(at, atStack);
                    wire.b().receive(at, atPeer);
                }
            });
            assertEquals(4L * frames, writer.stop().frames());
            assertEquals(2L * frames, atStack.frames);
        }
    }

    @Nested
    class ReadBackByTheTools {
        /** An ARP request, who-has 192.168.69.100 tell 192.168.69.1, padded to 60 octets. */
        private final byte[] arpRequest = hex("ffffffffffff 020000000001 0806"
                + "0001 0800 06 04 0001 020000000001 c0a84501 000000000000 c0a84564"
                + "000000000000000000000000000000000000");

        private Path capture(String name) throws IOException {
            Path path = dir.resolve(name);
            PcapWriter writer = new PcapWriter(new Loopback(), PcapFile.create(path, EPOCH));
            writer.transmit(0, arpRequest.length, (buffer, offset, length) ->
                    System.arraycopy(arpRequest, 0, buffer, offset, length));
            Numbered numbered = new Numbered(TestFrames.MIN_LEN);
            numbered.sendThrough(writer, 1_000);
            numbered.sendThrough(writer, 2_000);
            Numbered large = new Numbered(1514);
            large.sendThrough(writer, 3_000);
            writer.receive(4_000, new Recorder());
            assertEquals(5, writer.capture().orElseThrow().frames());
            writer.stop();
            return path;
        }

        @Test
        void tsharkReadsEveryFrameWithoutAWarning() throws Exception {
            ExternalTool tshark = ExternalTool.require("tshark", "tshark");
            ExternalTool.Output output = tshark.run(dir, "-n", "-r", capture("tshark.pcap").toString());
            assertEquals(0, output.exitStatus(), () -> String.join("\n", output.err()));
            assertEquals(5, output.out().size(), () -> String.join("\n", output.out()));
            assertEquals(List.of(), complaints(output.err()));
            assertTrue(output.out().get(0).contains("Who has 192.168.69.100? Tell 192.168.69.1"), output.out().get(0));
        }

        @Test
        void tcpdumpReadsEveryFrameWithoutAWarning() throws Exception {
            ExternalTool tcpdump = ExternalTool.require("tcpdump", "tcpdump");
            ExternalTool.Output output = tcpdump.run(dir, "-n", "-q", "-r", capture("tcpdump.pcap").toString());
            assertEquals(0, output.exitStatus(), () -> String.join("\n", output.err()));
            assertEquals(5, output.out().size(), () -> String.join("\n", output.out()));
            assertEquals(List.of(), complaints(output.err()));
            assertTrue(output.out().get(0).contains("ARP, Request who-has 192.168.69.100 tell 192.168.69.1"),
                    output.out().get(0));
        }

        @Test
        void tsharkSeesTheTimeStampsAndLengthsWritten() throws Exception {
            ExternalTool tshark = ExternalTool.require("tshark", "tshark");
            ExternalTool.Output output = tshark.run(dir, "-r", capture("fields.pcap").toString(),
                    "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "eth.type");
            List<String> expected = List.of(
                    (EPOCH) + " 60 0x0806",
                    (EPOCH + 1_000) + " 60 0x88b5",
                    (EPOCH + 2_000) + " 60 0x88b5",
                    (EPOCH + 3_000) + " 1514 0x88b5",
                    (EPOCH + 4_000) + " 60 0x0806");
            List<String> seen = new ArrayList<>();
            for (String line : output.out()) {
                String[] fields = line.split("\t");
                long micros = new BigDecimal(fields[0]).movePointRight(6).longValueExact();
                seen.add(micros + " " + fields[1] + " " + fields[2]);
            }
            assertEquals(expected, seen);
        }

        @Test
        void aCaptureCanBeReadWhileItRuns() throws Exception {
            ExternalTool tshark = ExternalTool.require("tshark", "tshark");
            Path path = dir.resolve("live.pcap");
            PcapWriter writer = new PcapWriter(new Loopback(), PcapFile.create(path, EPOCH));
            Numbered numbered = new Numbered(TestFrames.MIN_LEN);
            numbered.sendThrough(writer, 0);
            numbered.sendThrough(writer, 10);
            assertEquals(2, tshark.run(dir, "-n", "-r", path.toString()).out().size());
            numbered.sendThrough(writer, 20);
            assertEquals(3, tshark.run(dir, "-n", "-r", path.toString()).out().size());
            writer.stop();
        }

        /**
         * Standard error less the two lines every run prints and that say nothing about the file:
         * tcpdump's "reading from file ..." and tshark's note when it runs as root.
         */
        private List<String> complaints(List<String> stderr) {
            return stderr.stream()
                    .filter(line -> !line.startsWith("reading from file ")
                            || !line.endsWith(", link-type EN10MB (Ethernet), snapshot length 65535"))
                    .filter(line -> !line.equals("Running as user \"root\" and group \"root\". This could be dangerous."))
                    .toList();
        }

        private byte[] hex(String text) {
            String digits = text.replace(" ", "");
            byte[] bytes = new byte[digits.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
            }
            return bytes;
        }
    }

    /** Checksum offload: a capture shows the checksum the device puts on the wire, not the partial sum it was handed. */
    @Nested
    class ChecksumsLeftToTheDevice {
        private static final int STACK = 0xC0A8_4501;
        private static final int PEER = 0xC0A8_4564;
        private static final int LENGTH = 14 + 20 + 20 + 4;

        /** A TCP segment from this host to the peer with "data" as payload and the given checksum mark. */
        private FrameFiller segment(boolean partial) {
            return new Segment(partial);
        }

        /** Writes the segment through views it keeps, so that it allocates nothing per frame itself. */
        private static final class Segment implements FrameFiller {
            private final dev.jnetlab.stack.wire.EthernetFrame ethernet = new dev.jnetlab.stack.wire.EthernetFrame();
            private final dev.jnetlab.stack.wire.Ipv4Packet ip = new dev.jnetlab.stack.wire.Ipv4Packet();
            private final dev.jnetlab.stack.wire.TcpPacket tcp = new dev.jnetlab.stack.wire.TcpPacket();
            private final byte[] data = {'d', 'a', 't', 'a'};
            private final boolean partial;

            Segment(boolean partial) {
                this.partial = partial;
            }

            @Override
            public void fill(byte[] buffer, int offset, int length) {
                ethernet.wrap(buffer, offset, length).setDestination(0x0200_0000_0002L).setSource(0x0200_0000_0001L)
                        .setEtherTypeValue(0x0800);
                ip.wrap(buffer, offset + 14, length - 14).setVersion(4).setIhl(5).setTotalLength(length - 14).setTtl(64)
                        .setProtocolValue(6).setSource(STACK).setDestination(PEER).fillChecksum();
                System.arraycopy(data, 0, buffer, offset + 54, 4);
                tcp.wrap(buffer, offset + 34, length - 34).setSrcPort(5000).setDstPort(7).setSeqNumber(1).setDataOffset(5)
                        .setFlags(0x18).setWindow(512);
                if (partial) {
                    tcp.setPartialChecksum(STACK, PEER);
                } else {
                    tcp.fillChecksum(STACK, PEER);
                }
            }

            @Override
            public boolean checksumPartial() {
                return partial;
            }
        }

        private dev.jnetlab.stack.wire.TcpPacket tcpOf(byte[] frame) {
            return new dev.jnetlab.stack.wire.TcpPacket().wrap(frame, 34, frame.length - 34);
        }

        @Test
        void isWrittenFinishedWhileTheDeviceStillGetsThePartialSum() throws IOException {
            Path path = dir.resolve("offload.pcap");
            Loopback link = new Loopback();
            PcapWriter writer = new PcapWriter(link, PcapFile.create(path, EPOCH));
            assertTrue(writer.transmit(0, LENGTH, segment(true)));
            writer.stop();

            byte[] written = PcapRecords.read(path).get(0).data();
            assertTrue(tcpOf(written).verifyChecksum(STACK, PEER), "the capture holds the finished checksum");
            Recorder device = new Recorder();
            link.receive(0, device);
            byte[] sent = device.frames.get(0);
            assertTrue(tcpOf(sent).hasPartialChecksum(STACK, PEER), "the device still has its checksum to finish");
            sent[34 + 16] = written[34 + 16];
            sent[34 + 17] = written[34 + 17];
            assertArrayEquals(sent, written, "nothing else differs");
        }

        @Test
        void aFrameWhoseChecksumTheStackComputedIsWrittenAsItIs() throws IOException {
            Path path = dir.resolve("software.pcap");
            PcapWriter writer = new PcapWriter(new Loopback(), PcapFile.create(path, EPOCH));
            writer.transmit(0, LENGTH, segment(false));
            writer.stop();
            assertTrue(tcpOf(PcapRecords.read(path).get(0).data()).verifyChecksum(STACK, PEER));
        }

        @Test
        void finishingAllocatesNothingOnceTheCopyIsLargeEnough() throws IOException {
            PcapWriter writer = new PcapWriter(new Loopback(1500, 4096), PcapFile.create(dir.resolve("alloc.pcap"), EPOCH));
            FrameFiller partial = segment(true);
            writer.transmit(0, LENGTH, partial);
            AllocationMeter.assertNoAllocationPerFrame(1000, () -> {
                for (int i = 0; i < 1000; i++) {
                    writer.transmit(i, LENGTH, partial);
                }
            });
            writer.stop();
        }
    }
}
