package dev.jnetlab.commands.args;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import java.util.List;
import java.util.Optional;

/**
 * Socket handles as a person types them: {@code udp#3}, {@code tcp#4}, or just the number
 * {@code 3}, which names a socket of the kind the command works on (handles are numbered per
 * kind: {@code tcp#1} and {@code udp#1} are two sockets). A handle that names no open socket,
 * or a socket of another kind than the command works on, is one line saying which and what is
 * open.
 */
public final class Handles {
    private Handles() {
    }

    /**
     * The open socket of class {@code type} that {@code text} names in {@code sockets}; a bare
     * number is a handle of that class's kind.
     *
     * @param what the kind of socket the command needs, for the message ({@code a UDP socket})
     */
    public static <T extends Socket> SocketHandle<T> find(SocketSet sockets, String text, Class<T> type, String what)
            throws CommandException {
        SocketHandle<?> handle = find(sockets, text, kindOf(type));
        if (!type.isAssignableFrom(handle.type())) {
            throw new CommandException(handle + " is not " + what);
        }
        @SuppressWarnings("unchecked")
        SocketHandle<T> typed = (SocketHandle<T>) handle;
        return typed;
    }

    /** The open socket of {@code kind} (a TCP connection or listener for {@link SocketKind#TCP}) that {@code text} names. */
    public static SocketHandle<?> find(SocketSet sockets, String text, SocketKind kind) throws CommandException {
        String label = kind.label();
        int hash = text.indexOf('#');
        String typedLabel = hash < 0 ? label : text.substring(0, hash);
        String number = text.substring(hash + 1);
        if (number.isEmpty() || number.length() > 9 || !number.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(number) == 0) {
            throw new CommandException("'" + text + "' is not a socket handle (a handle looks like " + label
                    + "#3, or just 3)");
        }
        int id = Integer.parseInt(number);
        if (!typedLabel.equals(label)) {
            throw new CommandException(text + " is not a " + label.toUpperCase(java.util.Locale.ROOT) + " socket (a "
                    + label + " command takes " + label + "#N, or just N)");
        }
        Optional<SocketHandle<?>> handle = sockets.handle(label, id);
        if (handle.isEmpty()) {
            throw new CommandException("no socket " + label + "#" + id + " is open" + openOnes(sockets, label));
        }
        return handle.get();
    }

    private static SocketKind kindOf(Class<? extends Socket> type) {
        if (TcpSocket.class.isAssignableFrom(type) || TcpListener.class.isAssignableFrom(type)) {
            return SocketKind.TCP;
        }
        if (UdpSocket.class.isAssignableFrom(type)) {
            return SocketKind.UDP;
        }
        if (IcmpSocket.class.isAssignableFrom(type)) {
            return SocketKind.ICMP;
        }
        throw new IllegalArgumentException("no kind of socket is " + type.getSimpleName());
    }

    private static String openOnes(SocketSet sockets, String label) {
        List<SocketHandle<?>> open = sockets.handles().stream().filter(h -> h.kind().label().equals(label)).toList();
        if (open.isEmpty()) {
            return " (no " + label + " socket is)";
        }
        StringBuilder list = new StringBuilder(" (open: ");
        for (int i = 0; i < open.size(); i++) {
            list.append(i == 0 ? "" : ", ").append(open.get(i));
        }
        return list.append(')').toString();
    }
}
