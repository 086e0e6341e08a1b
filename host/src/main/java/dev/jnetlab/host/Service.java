package dev.jnetlab.host;

import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.time.Micros;

/**
 * Something that runs on a {@link Host} beside its interface, polled by the event loop in every
 * poll of the host, between the interface's ingress and egress: a server on the simulated peer
 * or on this host ({@code serve echo}), a watch that prints the data arriving on a socket
 * ({@code tcp watch}). It works on the host's sockets ({@link Host#sockets()}) and prints through
 * the network's output ({@link Network#output()}); like everything on a host it runs on the
 * stack's thread only.
 */
public interface Service {

    /** Unique on its host; what {@code serve stop NAME} and the status line name it by. */
    String name();

    /** Runs after the host's interface received at {@code now} and before it transmits: reads what arrived, queues what to send. */
    void poll(long now);

    /** When the service needs a poll even if no frame arrives; {@link Micros#NEVER} when it waits for frames only. */
    default long pollAt(long now) {
        return Micros.NEVER;
    }

    /**
     * Whether {@code handle} is one of the service's own sockets, which it makes and closes by
     * itself and nobody typed a command for (the DHCP client's port 68, the resolver's queries):
     * a lab neither counts nor closes them.
     */
    default boolean owns(SocketHandle<?> handle) {
        return false;
    }

    /** Releases the service's sockets; called once, when it is removed or the host closes. */
    default void close(long now) {
    }
}
