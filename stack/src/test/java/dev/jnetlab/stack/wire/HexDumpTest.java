package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The format itself is checked against tcpdump -XX by {@link TcpdumpParityTest}. */
class HexDumpTest {

    @Test
    void printsSixteenOctetsALineWithTheirAscii() {
        byte[] octets = "GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("""
                \t0x0000:  4745 5420 2f20 4854 5450 2f31 2e31 0d0a  GET./.HTTP/1.1..
                \t0x0010:  486f 7374 3a20 780d 0a                   Host:.x..
                """, HexDump.format(octets));
    }

    @Test
    void printsARangeOfABufferCountingFromItsStart() {
        byte[] buffer = {9, 9, 0x41, 0x42, 9};
        assertEquals("\t0x0000:  4142                                     AB\n",
                HexDump.appendTo(new StringBuilder(), buffer, 2, 2).toString());
    }

    @Test
    void printsNothingForNoOctets() {
        assertEquals("", HexDump.format(new byte[0]));
    }

    @Test
    void countsPast64KibibytesWithMoreDigitsAsTcpdumpDoes() {
        String dump = HexDump.format(new byte[0x10001]);
        assertEquals("\t0x10000:  00                                       .\n", dump.substring(dump.lastIndexOf('\t')));
    }
}
