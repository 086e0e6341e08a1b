/**
 * TCP: the RFC 9293 state machine and what surrounds it.
 *
 * <ul>
 *   <li>{@link dev.jnetlab.stack.socket.tcp.TcpSocket}: one connection, client or accepted; the
 *       user API ({@code connect}, {@code send}, {@code recv}, {@code close}, {@code abort}) and
 *       the interface API of {@link dev.jnetlab.stack.socket.tcp.TcpHandler}
 *       ({@code accepts}, {@code process}, {@code dispatch}, {@code copyPayload}, {@code sent},
 *       {@code pollAt}).</li>
 *   <li>{@link dev.jnetlab.stack.socket.tcp.TcpListener}: a port with a backlog of connections
 *       and a bound on half-open ones, driven by the interface like a socket.</li>
 *   <li>Both are {@link dev.jnetlab.stack.socket.Socket}s: added to a
 *       {@link dev.jnetlab.stack.iface.SocketSet}, they are driven by the
 *       {@link dev.jnetlab.stack.iface.Interface} that polls the set, which tells them the MTU
 *       and gives them its ISN source and the set's state-change listener.</li>
 *   <li>{@link dev.jnetlab.stack.wire.TcpRepr}: the segment as the state machine sees
 *       it (RFC 9293 §3.3.1 segment variables, control bits, options with presence flags): the
 *       wire layer's one reusable TCP representation, which the interface parses into and emits
 *       from; the socket never parses bytes.</li>
 *   <li>{@link dev.jnetlab.stack.socket.tcp.SeqNumber}: comparisons modulo 2^32;
 *       {@link dev.jnetlab.stack.socket.tcp.RttEstimator}: RFC 6298;
 *       {@link dev.jnetlab.stack.socket.tcp.CongestionControl} and its algorithms;
 *       {@link dev.jnetlab.stack.socket.tcp.IsnGenerator}: RFC 6528.</li>
 *   <li>{@link dev.jnetlab.stack.socket.tcp.TcpControlBlock}: the snapshot {@code tcp show}
 *       prints; {@link dev.jnetlab.stack.socket.tcp.TcpEventListener}: state changes for the
 *       tracer and the labs.</li>
 * </ul>
 *
 * <p>Conditions the network causes (a bad segment, a reset, a timeout) are never exceptions:
 * the socket drops, answers, or closes with a {@link dev.jnetlab.stack.socket.tcp.CloseReason}.
 * A user call that cannot be done throws a checked
 * {@link dev.jnetlab.stack.socket.tcp.TcpException} with a typed reason. Nothing on the packet
 * path allocates (ARCHITECTURE.md §4); everything runs on the stack's event loop (ARCHITECTURE.md §2) and takes
 * {@code now} from it (ARCHITECTURE.md §3).
 */
package dev.jnetlab.stack.socket.tcp;
