package dev.jnetlab.stack.socket;

import java.util.Objects;

/**
 * Names one socket in a {@link SocketSet}, with its type: {@code SocketSet.get(handle)} gives
 * back a {@code UdpSocket} for a {@code SocketHandle<UdpSocket>} without a cast.
 *
 * <p>{@link #id()} is small, unique among the set's sockets of its kind (TCP connections and
 * listeners counting as one) and never reused while the set lives, so a person can type it
 * ({@code udp recv 3}) and a handle of a removed socket cannot reach a new one. It prints as
 * {@code udp#3}.
 *
 * <p>An internal handle names a socket the host opened for itself (the resolver's, the DHCP
 * client's): it is numbered apart from the user's, so the user's first socket is still
 * {@code udp#1}, and no typed handle reaches it. It prints as {@code internal udp#1}.
 *
 * @param id       the number within the set, the kind and the owner (user or host), from 1
 * @param kind     what the socket is
 * @param type     the socket's class
 * @param internal whether the host opened it for itself, out of the user's reach
 */
public record SocketHandle<T extends Socket>(int id, SocketKind kind, Class<T> type, boolean internal) {

    /** A handle of a socket the user opened. */
    public SocketHandle(int id, SocketKind kind, Class<T> type) {
        this(id, kind, type, false);
    }

    public SocketHandle {
        if (id <= 0) {
            throw new IllegalArgumentException("a socket handle's number is positive: " + id);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
    }

    /** As the console prints it: {@code udp#3}, or {@code internal udp#1}. */
    @Override
    public String toString() {
        return (internal ? "internal " : "") + kind.label() + "#" + id;
    }
}
