package dev.jnetlab.commands.args;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketSet;
import java.util.List;
import java.util.Optional;

/**
 * Socket handles as a person types them: {@code udp#3}, {@code tcp#4}, or just the number
 * {@code 3}. A handle that names no open socket, or a socket of another kind than the command
 * works on, is one line saying which and what is open.
 */
public final class Handles {
    private Handles() {
    }

    /**
     * The open socket of class {@code type} that {@code text} names in {@code sockets}.
     *
     * @param what the kind of socket the command needs, for the message ({@code a UDP socket})
     */
    public static <T extends Socket> SocketHandle<T> find(SocketSet sockets, String text, Class<T> type, String what)
            throws CommandException {
        SocketHandle<?> handle = find(sockets, text);
        if (!type.isAssignableFrom(handle.type())) {
            throw new CommandException(handle + " is not " + what);
        }
        @SuppressWarnings("unchecked")
        SocketHandle<T> typed = (SocketHandle<T>) handle;
        return typed;
    }

    /** The open socket, of any kind, that {@code text} names in {@code sockets}. */
    public static SocketHandle<?> find(SocketSet sockets, String text) throws CommandException {
        int hash = text.indexOf('#');
        String label = hash < 0 ? "" : text.substring(0, hash);
        String number = text.substring(hash + 1);
        if (number.isEmpty() || number.length() > 9 || !number.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(number) == 0) {
            throw new CommandException("'" + text + "' is not a socket handle (a handle looks like udp#3, or just 3)");
        }
        int id = Integer.parseInt(number);
        Optional<SocketHandle<?>> handle = sockets.handle(id);
        if (handle.isEmpty()) {
            throw new CommandException("no socket " + text + " is open" + openOnes(sockets));
        }
        if (!label.isEmpty() && !label.equals(handle.get().kind().label())) {
            throw new CommandException("no socket " + text + " is open: socket " + id + " is " + handle.get());
        }
        return handle.get();
    }

    private static String openOnes(SocketSet sockets) {
        List<SocketHandle<?>> open = sockets.handles();
        if (open.isEmpty()) {
            return " (no socket is)";
        }
        StringBuilder list = new StringBuilder(" (open: ");
        for (int i = 0; i < open.size(); i++) {
            list.append(i == 0 ? "" : ", ").append(open.get(i));
        }
        return list.append(')').toString();
    }
}
