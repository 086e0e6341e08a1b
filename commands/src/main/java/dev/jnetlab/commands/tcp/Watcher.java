package dev.jnetlab.commands.tcp;

import dev.jnetlab.commands.text.TextEscapes;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Output;
import dev.jnetlab.host.Service;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.CloseReason;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;

/**
 * What {@code tcp watch H} leaves running: prints the data arriving on the connection (read, so
 * {@code tcp recv} finds none) and its state changes, as they happen. With {@code --count} it
 * prints no data, only how much came, at most once a second: chargen fills a screen with two
 * thousand lines in a second and a half otherwise.
 */
final class Watcher implements Service {
    /** How often {@code --count} reports. */
    static final long COUNT_INTERVAL = Micros.ofSeconds(1);

    private final Host host;
    private final SocketHandle<TcpSocket> handle;
    private final Output output;
    private final boolean countOnly;
    private final byte[] buffer = new byte[4096];
    private TcpState last;
    private boolean ended;
    private boolean gone;
    /** With {@code --count}: octets since the last report, in all, and when the next report is due. */
    private long pending;
    private long total;
    private long reportAt = Micros.NEVER;

    Watcher(Host host, SocketHandle<TcpSocket> handle, Output output, boolean countOnly) {
        this.host = host;
        this.handle = handle;
        this.output = output;
        this.countOnly = countOnly;
        this.last = host.sockets().get(handle).state();
    }

    SocketHandle<TcpSocket> handle() {
        return handle;
    }

    @Override
    public String name() {
        return TcpCommand.watchName(handle);
    }

    @Override
    public void poll(long now) {
        if (gone) {
            return;
        }
        if (!host.sockets().contains(handle)) {
            gone = true;
            output.println(handle + ": gone (closed and removed)");
            return;
        }
        TcpSocket socket = host.sockets().get(handle);
        try {
            int n;
            while ((n = socket.recv(buffer, 0, buffer.length)) > 0) {
                if (countOnly) {
                    if (pending == 0 && reportAt == Micros.NEVER) {
                        reportAt = Micros.plus(now, COUNT_INTERVAL);
                    }
                    pending += n;
                    total += n;
                } else {
                    output.println(handle + ": " + n + (n == 1 ? " octet: " : " octets: ")
                            + TextEscapes.encode(buffer, 0, n));
                }
            }
        } catch (TcpException.Recv e) {
            if (!ended && e.error() == dev.jnetlab.stack.socket.tcp.RecvError.FINISHED) {
                ended = true;
                report(now);
                output.println(handle + ": end of stream (the peer closed its side)");
            }
        }
        if (now >= reportAt) {
            report(now);
        }
        TcpState state = socket.state();
        if (state != last) {
            report(now);
            output.println(handle + ": " + last + " -> " + state
                    + (state == TcpState.CLOSED && socket.closeReason() != CloseReason.NONE ? " (" + socket.closeReason() + ")" : ""));
            last = state;
        }
    }

    @Override
    public long pollAt(long now) {
        return reportAt;
    }

    /** With {@code --count}: how much came since the last report, if anything did; the next report a second on. */
    private void report(long now) {
        if (pending == 0) {
            reportAt = Micros.NEVER;
            return;
        }
        output.println(handle + ": " + pending + (pending == 1 ? " octet" : " octets") + " (" + total + " in all)");
        pending = 0;
        reportAt = Micros.plus(now, COUNT_INTERVAL);
    }
}
