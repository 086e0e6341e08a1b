package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NestedPrinterTest {
    private final NestedPrinter printer = new NestedPrinter();

    @Test
    void printsEachLayerIndentedUnderTheOneThatCarriesIt() {
        assertEquals("""
                Ethernet II 02:00:00:00:00:02 > 02:00:00:00:00:01, type IPv4 (0x0800), 74 octets
                  IPv4 192.168.69.100 > 192.168.69.1, version 4, header 20, dscp 0, ecn 0, total length 60, id 15455, \
                flags [DF], offset 0, ttl 64, protocol TCP (6), checksum 0xf2a6 (correct)
                    TCP 51234 > 6969, seq 708541127, ack 0, data offset 10, reserved 0, flags [S], window 64240, \
                checksum 0x15bd (correct), urgent pointer 0, payload 0 octets
                      options mss 1460, sackOK, TS val 165058916 ecr 0, nop, wscale 10
                """, printer.format(WireVectors.TCP_SYN));
    }

    @Test
    void printsTheDatagramAnIcmpErrorQuotes() {
        assertEquals("""
                Ethernet II 02:00:00:00:00:01 > 02:00:00:00:00:02, type IPv4 (0x0800), 75 octets
                  IPv4 192.168.69.1 > 192.168.69.100, version 4, header 20, dscp 48, ecn 0, total length 61, id 28299, \
                flags [none], offset 0, ttl 64, protocol ICMP (1), checksum 0xffbe (correct)
                    ICMP type 3 (destination unreachable), code 3 (port unreachable), checksum 0x08d2 (correct), \
                next-hop mtu 0, data 33 octets
                      quoted IPv4 192.168.69.100 > 192.168.69.1, version 4, header 20, dscp 0, ecn 0, total length 33, \
                id 32582, flags [DF], offset 0, ttl 64, protocol UDP (17), checksum 0xafcf (correct)
                        quoted UDP 40001 > 9999, 13 octets of payload
                """, printer.format(WireVectors.ICMP_PORT_UNREACHABLE));
    }

    @Test
    void saysWhichFragmentItIs() {
        String first = printer.format(WireVectors.FRAGMENTED_PING_REQUEST_FIRST);
        assertEquals("    first fragment: the datagram continues in later fragments", last(first));
        String last = printer.format(WireVectors.FRAGMENTED_PING_REQUEST_LAST);
        assertEquals("    fragment at offset 1480: 528 octets of the payload, whose header is in the first fragment", last(last));
    }

    @Test
    void stopsAtTheLayerThatIsWrongAndSaysWhy() {
        byte[] frame = Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length);
        Bytes.put16(frame, 34 + 4, 99);
        assertEquals("    UDP [UDP: length 99 > 15 octets available]", last(printer.format(frame)));
        assertEquals("Ethernet II [Ethernet: 2 octets, shorter than the 14-octet header]\n",
                printer.format(Arrays.copyOf(frame, 2)));
    }

    @Test
    void showsAnArpPacketsEveryField() {
        assertEquals("  ARP reply, hardware type 1 length 6, protocol type 0x0800 length 4, sender 02:00:00:00:00:01 "
                + "192.168.69.1, target 02:00:00:00:00:02 192.168.69.100", last(printer.format(WireVectors.ARP_REPLY)));
    }

    private static String last(String lines) {
        String[] split = lines.split("\n");
        return split[split.length - 1];
    }
}
