package dev.jnetlab.commands.tcp;

import dev.jnetlab.host.ConnectionLadders;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Output;
import dev.jnetlab.host.Service;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import java.util.Optional;

/**
 * What {@code tcp listen} leaves running: takes every established connection out of the
 * listener's backlog into the socket set, and announces its handle
 * ({@code tcp#4 accepted from 192.168.69.100:51234}); the connection's ladder follows it, from
 * the SYN that the ladders saw arrive at the listener's port.
 */
final class Acceptor implements Service {
    private final Host host;
    private final SocketHandle<TcpListener> listener;
    private final ConnectionLadders ladders;
    private final Output output;
    private final ListenerSettings settings;

    Acceptor(Host host, SocketHandle<TcpListener> listener, ConnectionLadders ladders, Output output,
             ListenerSettings settings) {
        this.host = host;
        this.listener = listener;
        this.ladders = ladders;
        this.output = output;
        this.settings = settings;
    }

    /** The settings of the connections the listener accepts from now on. */
    ListenerSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return TcpCommand.acceptorName(listener);
    }

    @Override
    public void poll(long now) {
        if (!host.sockets().contains(listener)) {
            return;
        }
        Optional<SocketHandle<TcpSocket>> accepted;
        while ((accepted = host.sockets().accept(listener)).isPresent()) {
            TcpSocket socket = host.sockets().get(accepted.get());
            ladders.follow(accepted.get(), socket);
            output.println(accepted.get() + " accepted from " + socket.remote());
        }
    }
}
