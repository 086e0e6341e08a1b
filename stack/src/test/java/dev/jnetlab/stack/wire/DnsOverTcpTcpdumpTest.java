package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.testing.AllocationMeter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-line printer decodes DNS over TCP as {@code tcpdump -nn -S -t} (4.99) does: after
 * {@code , length N}, a space and the message behind its two-octet length, its own length in
 * brackets at the end. The frames were captured on the loopback of a namespace on this machine,
 * dig {@code +tcp} asking dnsmasq; each line is what tcpdump printed for the frame. Loopback
 * leaves the checksums to offload, so the test completes them, as the wire would have. With
 * {@code -v}, each answer follows its owner name, over TCP as over UDP.
 */
class DnsOverTcpTcpdumpTest {

    static Stream<Arguments> captured() {
        return Stream.of(
                Arguments.of("IP 127.0.0.1.45705 > 127.0.0.1.53: Flags [S], seq 2344464599, win 64660, options [mss 1220,sackOK,TS val 634564309 ecr 0,nop,wscale 10], length 0",
                        "00000000000000000000000008004500003c3feb40004006fcce7f0000017f000001b28900358bbdb0d700000000a002fc94fe300000020404c40402080a25d2aed5000000000103030a"),
                Arguments.of("IP 127.0.0.1.45705 > 127.0.0.1.53: Flags [P.], seq 2344464600:2344464650, ack 4096492364, win 64, options [nop,nop,TS val 634564309 ecr 1241077319], length 50 62198+ [1au] A? www.lab. (48)",
                        "0000000000000000000000000800450000663fed40004006fca27f0000017f000001b28900358bbdb0d8f42b834c80180040fe5a00000101080a25d2aed549f956470030f2f60120000100000000000103777777036c6162000001000100002904d000000000000c000a0008f483aeb9b50c891d"),
                Arguments.of("IP 127.0.0.1.53 > 127.0.0.1.45705: Flags [P.], seq 4096492364:4096492440, ack 2344464650, win 64, options [nop,nop,TS val 1241077320 ecr 634564309], length 76 62198* 2/0/1 CNAME peer.lab., A 192.168.69.100 (74)",
                        "00000000000000000000000008004500008006dd4000400635997f0000017f0000010035b289f42b834c8bbdb10a80180040fe7400000101080a49f9564825d2aed5004af2f68580000100020000000103777777036c61620000010001c00c0005000100000000000a0470656572036c616200c02500010001000000000004c0a8456400002904d0000000000000"),
                Arguments.of("IP 127.0.0.1.53 > 127.0.0.1.43895: Flags [P.], seq 3559201314:3559201356, ack 2506163029, win 64, options [nop,nop,TS val 3605418065 ecr 364310336], length 42 36323 NXDomain 0/0/1 (40)",
                        "00000000000000000000000008004500005e542440004006e8737f0000017f0000010035ab77d4251a229561035580180040fe5200000101080ad6e6505115b6ef4000288de381830001000000000001076e6f7468657265036c6162000001000100002904d0000000000000"),
                Arguments.of("IP 127.0.0.1.41191 > 127.0.0.1.53: Flags [P.], seq 2531450910:2531450937, ack 1859339517, win 64, options [nop,nop,TS val 1443060426 ecr 2475355796], length 27 12444+ A? big.lab. (25)",
                        "00000000000000000000000008004500004f7a4c40004006c25a7f0000017f000001a0e7003596e2e01e6ed344fd80180040fe4300000101080a56035aca938aee940019309c0120000100000000000003626967036c61620000010001"),
                Arguments.of("IP 127.0.0.1.53 > 127.0.0.1.41191: Flags [P.], seq 1859339517:1859340184, ack 2531450937, win 64, options [nop,nop,TS val 2475355797 ecr 1443060426], length 667 12444* 40/0/0 A 10.0.0.3, A 10.0.0.21, A 10.0.0.11, A 10.0.0.22, A 10.0.0.6, A 10.0.0.23, A 10.0.0.12, A 10.0.0.24, A 10.0.0.2, A 10.0.0.25, A 10.0.0.13, A 10.0.0.26, A 10.0.0.7, A 10.0.0.27, A 10.0.0.14, A 10.0.0.28, A 10.0.0.4, A 10.0.0.29, A 10.0.0.15, A 10.0.0.30, A 10.0.0.8, A 10.0.0.31, A 10.0.0.16, A 10.0.0.32, A 10.0.0.1, A 10.0.0.33, A 10.0.0.17, A 10.0.0.34, A 10.0.0.9, A 10.0.0.35, A 10.0.0.18, A 10.0.0.36, A 10.0.0.5, A 10.0.0.37, A 10.0.0.19, A 10.0.0.38, A 10.0.0.10, A 10.0.0.39, A 10.0.0.20, A 10.0.0.40 (665)",
                        "0000000000000000000000000800450002cf8cb940004006ad6d7f0000017f0000010035a0e76ed344fd96e2e0398018004000c400000101080a938aee9556035aca0299309c8580000100280000000003626967036c61620000010001c00c000100010000000000040a000003c00c000100010000000000040a000015c00c000100010000000000040a00000bc00c000100010000000000040a000016c00c000100010000000000040a000006c00c000100010000000000040a000017c00c000100010000000000040a00000cc00c000100010000000000040a000018c00c000100010000000000040a000002c00c000100010000000000040a000019c00c000100010000000000040a00000dc00c000100010000000000040a00001ac00c000100010000000000040a000007c00c000100010000000000040a00001bc00c000100010000000000040a00000ec00c000100010000000000040a00001cc00c000100010000000000040a000004c00c000100010000000000040a00001dc00c000100010000000000040a00000fc00c000100010000000000040a00001ec00c000100010000000000040a000008c00c000100010000000000040a00001fc00c000100010000000000040a000010c00c000100010000000000040a000020c00c000100010000000000040a000001c00c000100010000000000040a000021c00c000100010000000000040a000011c00c000100010000000000040a000022c00c000100010000000000040a000009c00c000100010000000000040a000023c00c000100010000000000040a000012c00c000100010000000000040a000024c00c000100010000000000040a000005c00c000100010000000000040a000025c00c000100010000000000040a000013c00c000100010000000000040a000026c00c000100010000000000040a00000ac00c000100010000000000040a000027c00c000100010000000000040a000014c00c000100010000000000040a000028"));
    }

    /**
     * The captured query edited, and printed by the same tcpdump: its length prefix says 60
     * where 48 follow (as for an answer split over segments), and a segment of one octet.
     */
    static Stream<Arguments> made() {
        return Stream.of(
                Arguments.of("IP 127.0.0.1.45705 > 127.0.0.1.53: Flags [P.], seq 2344464600:2344464650, ack 4096492364, win 64, options [nop,nop,TS val 634564309 ecr 1241077319], length 50 [prefix length(60) != length(48)] (invalid)",
                        "0000000000000000000000000800450000663fed40004006fca27f0000017f000001b28900358bbdb0d8f42b834c80180040fe5a00000101080a25d2aed549f95647003cf2f60120000100000000000103777777036c6162000001000100002904d000000000000c000a0008f483aeb9b50c891d"),
                Arguments.of("IP 127.0.0.1.45705 > 127.0.0.1.53: Flags [P.], seq 2344464600:2344464601, ack 4096492364, win 64, options [nop,nop,TS val 634564309 ecr 1241077319], length 1 [DNS over TCP: length 1 < 2] (invalid)",
                        "0000000000000000000000000800450000353fed40004006fca27f0000017f000001b28900358bbdb0d8f42b834c80180040fe5a00000101080a25d2aed549f9564700"));
    }

    /**
     * Frames of the same capture, checksums completed, and what {@code tcpdump -nn -v -S -t}
     * printed for them: each answer after its owner name, over TCP and UDP (an EDNS query and
     * its answer among them; tcpdump shows the OPT itself only with {@code -vv}).
     */
    static Stream<Arguments> verbose() {
        return Stream.of(
                Arguments.of("IP (tos 0x0, ttl 64, id 1757, offset 0, flags [DF], proto TCP (6), length 128)\n    127.0.0.1.53 > 127.0.0.1.45705: Flags [P.], cksum 0xac92 (correct), seq 4096492364:4096492440, ack 2344464650, win 64, options [nop,nop,TS val 1241077320 ecr 634564309], length 76 62198* 2/0/1 www.lab. CNAME peer.lab., peer.lab. A 192.168.69.100 (74)",
                        "00000000000000000000000008004500008006dd4000400635997f0000017f0000010035b289f42b834c8bbdb10a80180040ac9200000101080a49f9564825d2aed5004af2f68580000100020000000103777777036c61620000010001c00c0005000100000000000a0470656572036c616200c02500010001000000000004c0a8456400002904d0000000000000"),
                Arguments.of("IP (tos 0x0, ttl 64, id 21540, offset 0, flags [DF], proto TCP (6), length 94)\n    127.0.0.1.53 > 127.0.0.1.43895: Flags [P.], cksum 0x4c69 (correct), seq 3559201314:3559201356, ack 2506163029, win 64, options [nop,nop,TS val 3605418065 ecr 364310336], length 42 36323 NXDomain 0/0/1 (40)",
                        "00000000000000000000000008004500005e542440004006e8737f0000017f0000010035ab77d4251a2295610355801800404c6900000101080ad6e6505115b6ef4000288de381830001000000000001076e6f7468657265036c6162000001000100002904d0000000000000"),
                Arguments.of("IP (tos 0x0, ttl 64, id 30793, offset 0, flags [none], proto UDP (17), length 76)\n    127.0.0.1.48622 > 127.0.0.1.53: 46470+ [1au] A? big.lab. (48)",
                        "00000000000000000000000008004500004c78490000401104567f0000017f000001bdee00350038b0d8b5860120000100000000000103626967036c6162000001000100002904d000000000000c000a000852df6dd0d9736904"),
                Arguments.of("IP (tos 0x0, ttl 64, id 61205, offset 0, flags [DF], proto UDP (17), length 704)\n    127.0.0.1.53 > 127.0.0.1.48622: 46470* 40/0/1 big.lab. A 10.0.0.3, big.lab. A 10.0.0.21, big.lab. A 10.0.0.11, big.lab. A 10.0.0.22, big.lab. A 10.0.0.6, big.lab. A 10.0.0.23, big.lab. A 10.0.0.12, big.lab. A 10.0.0.24, big.lab. A 10.0.0.2, big.lab. A 10.0.0.25, big.lab. A 10.0.0.13, big.lab. A 10.0.0.26, big.lab. A 10.0.0.7, big.lab. A 10.0.0.27, big.lab. A 10.0.0.14, big.lab. A 10.0.0.28, big.lab. A 10.0.0.4, big.lab. A 10.0.0.29, big.lab. A 10.0.0.15, big.lab. A 10.0.0.30, big.lab. A 10.0.0.8, big.lab. A 10.0.0.31, big.lab. A 10.0.0.16, big.lab. A 10.0.0.32, big.lab. A 10.0.0.1, big.lab. A 10.0.0.33, big.lab. A 10.0.0.17, big.lab. A 10.0.0.34, big.lab. A 10.0.0.9, big.lab. A 10.0.0.35, big.lab. A 10.0.0.18, big.lab. A 10.0.0.36, big.lab. A 10.0.0.5, big.lab. A 10.0.0.37, big.lab. A 10.0.0.19, big.lab. A 10.0.0.38, big.lab. A 10.0.0.10, big.lab. A 10.0.0.39, big.lab. A 10.0.0.20, big.lab. A 10.0.0.40 (676)",
                        "0000000000000000000000000800450002c0ef15400040114b157f0000017f0000010035bdee02ac0718b5868580000100280000000103626967036c61620000010001c00c000100010000000000040a000003c00c000100010000000000040a000015c00c000100010000000000040a00000bc00c000100010000000000040a000016c00c000100010000000000040a000006c00c000100010000000000040a000017c00c000100010000000000040a00000cc00c000100010000000000040a000018c00c000100010000000000040a000002c00c000100010000000000040a000019c00c000100010000000000040a00000dc00c000100010000000000040a00001ac00c000100010000000000040a000007c00c000100010000000000040a00001bc00c000100010000000000040a00000ec00c000100010000000000040a00001cc00c000100010000000000040a000004c00c000100010000000000040a00001dc00c000100010000000000040a00000fc00c000100010000000000040a00001ec00c000100010000000000040a000008c00c000100010000000000040a00001fc00c000100010000000000040a000010c00c000100010000000000040a000020c00c000100010000000000040a000001c00c000100010000000000040a000021c00c000100010000000000040a000011c00c000100010000000000040a000022c00c000100010000000000040a000009c00c000100010000000000040a000023c00c000100010000000000040a000012c00c000100010000000000040a000024c00c000100010000000000040a000005c00c000100010000000000040a000025c00c000100010000000000040a000013c00c000100010000000000040a000026c00c000100010000000000040a00000ac00c000100010000000000040a000027c00c000100010000000000040a000014c00c000100010000000000040a00002800002904d0000000000000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verbose")
    void verboseNamesTheOwnerOfEachAnswerAsTcpdumpVDoes(String tcpdump, String hex) {
        assertEquals(tcpdump, new OneLinePrinter().setVerbose(true).format(HexBytes.parse(hex)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void printsWhatTcpdumpPrinted(String tcpdump, String hex) {
        assertEquals(tcpdump, new OneLinePrinter().format(withChecksums(HexBytes.parse(hex))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("made")
    void aSegmentThatIsNotOneWholeMessageIsInvalidAsTcpdumpSays(String tcpdump, String hex) {
        assertEquals(tcpdump, new OneLinePrinter().format(withChecksums(HexBytes.parse(hex))));
    }

    private static byte[] withChecksums(byte[] frame) {
        Ipv4Packet ip = new Ipv4Packet().wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
        ip.fillChecksum();
        new TcpPacket().wrap(frame, ip.payloadOffset(), ip.payloadLength()).fillChecksum(ip.source(), ip.destination());
        return frame;
    }

    @Test
    void decodingDnsOverTcpForTheTracerAllocatesNothingPerFrame() {
        byte[][] frames = Stream.concat(captured(), made()).map(a -> withChecksums(HexBytes.parse((String) a.get()[1])))
                .toArray(byte[][]::new);
        OneLinePrinter printer = new OneLinePrinter();
        StringBuilder line = new StringBuilder(1024);
        int rounds = 5_000;
        AllocationMeter.assertNoAllocationPerFrame(rounds * frames.length, () -> {
            for (int i = 0; i < rounds; i++) {
                for (byte[] frame : frames) {
                    line.setLength(0);
                    printer.appendTo(line, frame, 0, frame.length);
                }
            }
        });
        assertTrue(line.toString().endsWith("[DNS over TCP: length 1 < 2] (invalid)"), line.toString());
    }
}
