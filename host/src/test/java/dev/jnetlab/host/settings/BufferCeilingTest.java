package dev.jnetlab.host.settings;

import dev.jnetlab.stack.socket.tcp.TcpSocket;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BufferCeilingTest {
    @Test
    void isAnEighthOfTheHeapInWholeMebibytes() {
        assertEquals(32L << 20, BufferCeiling.forHeap(256L << 20));
        assertEquals(30L << 20, BufferCeiling.forHeap(247L << 20), "what -Xmx256m with the serial collector reports");
        assertEquals(1L << 20, BufferCeiling.forHeap(15L << 20));
    }

    @Test
    void neverBelow64KibNorAboveTcpsLargestWindow() {
        assertEquals(64 * 1024, BufferCeiling.forHeap(256 << 10));
        assertEquals(64 * 1024, BufferCeiling.forHeap(0));
        assertEquals(TcpSocket.MAX_BUFFER, BufferCeiling.forHeap(64L << 30));
        assertEquals(TcpSocket.MAX_BUFFER, BufferCeiling.forHeap(Long.MAX_VALUE), "a JVM with no limit");
    }

    @Test
    void boundsEveryBufferOptionSoSetRefusesWhatTheHeapCannotHold() throws Exception {
        for (SocketOption option : new SocketOption[] {SocketOption.SNDBUF, SocketOption.RCVBUF,
            SocketOption.UDP_BUFFER, SocketOption.ICMP_BUFFER}) {
            String tooBig = Long.toString(BufferCeiling.OCTETS + 1);
            SettingException refused = assertThrows(SettingException.class, () -> option.parse(tooBig));
            assertTrue(refused.getMessage().contains("out of range"), refused.getMessage());
            assertEquals(BufferCeiling.OCTETS, option.parse(Long.toString(BufferCeiling.OCTETS)));
        }
    }
}
