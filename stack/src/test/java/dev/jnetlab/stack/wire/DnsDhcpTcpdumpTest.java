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
 * The one-line printer decodes DNS and BOOTP/DHCP as {@code tcpdump -nn} does. Each frame was
 * captured in a namespace on this machine (dnsmasq serving DHCP and DNS, busybox udhcpc and dig
 * as clients) and each line is what {@code tcpdump -nn -r} printed for it, timestamp removed.
 * A veth leaves the UDP checksum to offload, so the capture holds only the pseudo-header's sum;
 * the test completes it, as the wire would have (tcpdump shows checksums only with {@code -v}).
 */
class DnsDhcpTcpdumpTest {

    static Stream<Arguments> captured() {
        return Stream.of(
                Arguments.of("IP 0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 02:00:00:00:00:01, length 300",
                        "ffffffffffff02000000000108004500014800000000401179a600000000ffffffff0044004301345ac001010600a2e33830000000000000000000000000000000000000000002000000000100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000638253633501013902024037070103060c0f1c2a3c0c756468637020312e33352e303d0701020000000001ff0000000000000000000000000000000000000000"),
                Arguments.of("IP 192.168.69.60.40967 > 192.168.69.100.53: 19691+ [1au] A? peer.lab. (49)",
                        "6eeeaeb21f5802000000000108004500004d0e3200004011607dc0a8453cc0a84564a007003500390c3c4ceb012000010000000000010470656572036c6162000001000100002904d000000000000c000a0008493e442a22f37a05"),
                Arguments.of("IP 192.168.69.100.53 > 192.168.69.60.40967: 19691* 1/0/1 A 192.168.69.100 (53)",
                        "0200000000016eeeaeb21f58080045000051871440004011a796c0a84564c0a8453c0035a007003d0c404ceb858000010001000000010470656572036c61620000010001c00c00010001000000000004c0a8456400002904d0000000000000"),
                Arguments.of("IP 192.168.69.60.40097 > 192.168.69.100.53: 37249+ [1au] A? www.lab. (48)",
                        "6eeeaeb21f5802000000000108004500004c4daf000040112101c0a8453cc0a845649ca1003500380c3b91810120000100000000000103777777036c6162000001000100002904d000000000000c000a00087d01dbc5694d0b61"),
                Arguments.of("IP 192.168.69.100.53 > 192.168.69.60.40097: 37249* 2/0/1 CNAME peer.lab., A 192.168.69.100 (74)",
                        "0200000000016eeeaeb21f58080045000066871940004011a77cc0a84564c0a8453c00359ca100520c5591818580000100020000000103777777036c61620000010001c00c0005000100000000000a0470656572036c616200c02500010001000000000004c0a8456400002904d0000000000000"),
                Arguments.of("IP 192.168.69.100.67 > 192.168.69.63.68: BOOTP/DHCP, Reply, length 300",
                        "0200000000016eeeaeb21f58080045c0014899c800004011d328c0a84564c0a8453f0043004401340d3a02010600a2e338300000000000000000c0a8453fc0a845640000000002000000000100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000638253633501023604c0a845643304000000783a040000003c3b04000000690104ffffff001c04c0a845ff0304c0a845640604c0a845640f036c6162ff000000"),
                Arguments.of("IP 192.168.69.60.52978 > 192.168.69.100.53: 525+ A? peer.lab. (26)",
                        "6eeeaeb21f5802000000000108004500003627df0000401146e7c0a8453cc0a84564cef2003500220c25020d012000010000000000000470656572036c61620000010001"),
                Arguments.of("IP 192.168.69.100.53 > 192.168.69.60.52978: 525* 1/0/0 A 192.168.69.100 (42)",
                        "0200000000016eeeaeb21f58080045000046873a40004011a77bc0a84564c0a8453c0035cef200320c35020d858000010001000000000470656572036c61620000010001c00c00010001000000000004c0a84564"),
                Arguments.of("IP 192.168.69.60.45933 > 192.168.69.100.53: 56562+ A? nothere.lab. (29)",
                        "6eeeaeb21f58020000000001080045000039459500004011292ec0a8453cc0a84564b36d003500250c28dcf201200001000000000000076e6f7468657265036c61620000010001"),
                Arguments.of("IP 192.168.69.100.53 > 192.168.69.60.45933: 56562 NXDomain 0/0/0 (29)",
                        "0200000000016eeeaeb21f58080045000039875140004011a771c0a84564c0a8453c0035b36d00250c28dcf281830001000000000000076e6f7468657265036c61620000010001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void printsWhatTcpdumpPrinted(String tcpdump, String hex) {
        assertEquals(tcpdump, new OneLinePrinter().format(withChecksum(HexBytes.parse(hex))));
    }

    private static byte[] withChecksum(byte[] frame) {
        Ipv4Packet ip = new Ipv4Packet().wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
        new UdpPacket().wrap(frame, ip.payloadOffset(), ip.payloadLength()).fillChecksum(ip.source(), ip.destination());
        return frame;
    }

    @Test
    void decodingDnsAndDhcpForTheTracerAllocatesNothingPerFrame() {
        byte[][] frames = captured().map(a -> withChecksum(HexBytes.parse((String) a.get()[1]))).toArray(byte[][]::new);
        OneLinePrinter printer = new OneLinePrinter();
        StringBuilder line = new StringBuilder(256);
        int rounds = 10_000;
        AllocationMeter.assertNoAllocationPerFrame(rounds * frames.length, () -> {
            for (int i = 0; i < rounds; i++) {
                for (byte[] frame : frames) {
                    line.setLength(0);
                    printer.appendTo(line, frame, 0, frame.length);
                }
            }
        });
        assertTrue(line.toString().contains("NXDomain"), line.toString());
    }
}
