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
 * @param id   the number within the set and the kind, from 1
 * @param kind what the socket is
 * @param type the socket's class
 */
public record SocketHandle<T extends Socket>(int id, SocketKind kind, Class<T> type) {

    public SocketHandle {
        if (id <= 0) {
            throw new IllegalArgumentException("a socket handle's number is positive: " + id);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
    }

    /** As the console prints it: {@code udp#3}. */
    @Override
    public String toString() {
        return kind.label() + "#" + id;
    }
}
