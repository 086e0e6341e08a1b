package dev.jnetlab.console;

import dev.jnetlab.stack.phy.RawSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.OneLinePrinter;
import java.io.PrintStream;
import java.time.LocalTime;
import java.util.function.BooleanSupplier;

/**
 * {@code jnetlab --tcpdump IFACE}, smoltcp's tcpdump example: every frame seen on an
 * interface, both directions, one line each in tcpdump's own style, with no stack at all.
 * Lines start with the local time to the microsecond, as tcpdump's do; a frame of an unknown
 * EtherType is followed by its payload in hex, as tcpdump prints it without {@code -X}.
 */
final class Tcpdump implements RawSocket.Sniffer {
    private final RawSocket socket;
    private final PrintStream out;
    private final OneLinePrinter printer = new OneLinePrinter();
    private final StringBuilder line = new StringBuilder(256);

    Tcpdump(RawSocket socket, PrintStream out) {
        this.socket = socket;
        this.out = out;
    }

    /** Prints frames until {@code stop} says so (checked at least once a second). */
    void run(BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            while (socket.sniff(0, this)) {
                if (stop.getAsBoolean()) {
                    return;
                }
            }
            socket.awaitReadable(Micros.PER_SECOND);
        }
    }

    @Override
    public void frame(RawSocket.Direction direction, byte[] frame, int offset, int length) {
        line.setLength(0);
        LocalTime time = LocalTime.now();
        line.append(String.format("%02d:%02d:%02d.%06d ", time.getHour(), time.getMinute(), time.getSecond(),
                time.getNano() / 1_000));
        printer.appendWithPayloadTo(line, frame, offset, length);
        out.println(line);
        out.flush();
    }
}
