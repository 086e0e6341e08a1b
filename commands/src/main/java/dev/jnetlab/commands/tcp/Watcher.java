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

/**
 * What {@code tcp watch H} leaves running: prints the data arriving on the connection (read, so
 * {@code tcp recv} finds none) and its state changes, as they happen.
 */
final class Watcher implements Service {
    private final Host host;
    private final SocketHandle<TcpSocket> handle;
    private final Output output;
    private final byte[] buffer = new byte[4096];
    private TcpState last;
    private boolean ended;
    private boolean gone;

    Watcher(Host host, SocketHandle<TcpSocket> handle, Output output) {
        this.host = host;
        this.handle = handle;
        this.output = output;
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
                output.println(handle + ": " + n + (n == 1 ? " octet: " : " octets: ") + TextEscapes.encode(buffer, 0, n));
            }
        } catch (TcpException.Recv e) {
            if (!ended && e.error() == dev.jnetlab.stack.socket.tcp.RecvError.FINISHED) {
                ended = true;
                output.println(handle + ": end of stream (the peer closed its side)");
            }
        }
        TcpState state = socket.state();
        if (state != last) {
            output.println(handle + ": " + last + " -> " + state
                    + (state == TcpState.CLOSED && socket.closeReason() != CloseReason.NONE ? " (" + socket.closeReason() + ")" : ""));
            last = state;
        }
    }
}
