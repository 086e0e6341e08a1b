/**
 * Sockets: the application's end of the stack, served by an
 * {@link dev.jnetlab.stack.iface.Interface} from a {@link dev.jnetlab.stack.iface.SocketSet}.
 *
 * <ul>
 *   <li>{@link dev.jnetlab.stack.socket.UdpSocket}: bind (a port, or 0 for an ephemeral one),
 *       {@code sendTo} and {@code recvFrom}/{@code recv} with the remote endpoint;</li>
 *   <li>{@link dev.jnetlab.stack.socket.IcmpSocket}: echo requests out with its identifier,
 *       echo replies and ICMP errors about its requests in: what {@code ping} needs;</li>
 *   <li>TCP connections and listeners ({@link dev.jnetlab.stack.socket.tcp}) are sockets of
 *       the same set: {@code SocketSet.accept} moves an established connection out of a
 *       listener's backlog under a handle of its own, {@code SocketSet.connect} opens one from
 *       an ephemeral port;</li>
 *   <li>{@link dev.jnetlab.stack.iface.SocketSet} and {@link dev.jnetlab.stack.socket.SocketHandle}:
 *       typed handles the console prints as {@code udp#3} or {@code tcp#4}, ephemeral ports from
 *       a seed.</li>
 * </ul>
 *
 * <p>Every socket buffer is a {@link dev.jnetlab.stack.storage.PacketBuffer} sized at
 * construction; datagrams are copied straight between it and the frame. A refused call throws
 * a {@link dev.jnetlab.stack.socket.SocketException} with its reason
 * ({@link dev.jnetlab.stack.socket.BindError}, {@link dev.jnetlab.stack.socket.SendError},
 * {@link dev.jnetlab.stack.socket.RecvError}); the packet path never throws.
 */
package dev.jnetlab.stack.socket;
