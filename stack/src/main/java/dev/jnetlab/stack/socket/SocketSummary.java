package dev.jnetlab.stack.socket;

import java.util.Objects;

/**
 * One line of the console's {@code sockets} table, taken at one instant.
 *
 * @param handle    which socket, e.g. {@code udp#3}
 * @param kind      what it is
 * @param local     its local endpoint ({@code 0.0.0.0:0} when unbound)
 * @param remote    its remote endpoint ({@code 0.0.0.0:0} for a datagram socket)
 * @param state     its state in a word or two
 * @param recvQueue octets received and not yet read
 * @param sendQueue octets queued and not yet sent
 */
public record SocketSummary(SocketHandle<?> handle, SocketKind kind, IpEndpoint local, IpEndpoint remote, String state,
                            int recvQueue, int sendQueue) {

    public SocketSummary {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(state, "state");
    }
}
