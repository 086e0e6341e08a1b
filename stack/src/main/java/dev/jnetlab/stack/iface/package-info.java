/**
 * The Ethernet/IPv4 interface: the layer between a {@link dev.jnetlab.stack.phy.Device} and the
 * sockets of a {@link dev.jnetlab.stack.iface.SocketSet}.
 *
 * <p>{@link dev.jnetlab.stack.iface.Interface} is the one public engine; it is configured by an
 * {@link dev.jnetlab.stack.iface.InterfaceConfig} and polled by the event loop:
 *
 * <pre>{@code
 * Interface iface = new Interface(InterfaceConfig.of(mac, Ipv4Cidr.parse("192.168.69.1/24"))
 *         .withDefaultGateway(Ipv4Address.parse("192.168.69.100")).withSeed(seed));
 * SocketSet sockets = iface.newSocketSet();
 * while (running) {
 *     iface.poll(clock.now(), device, sockets);
 *     tap.awaitReadable(iface.pollDelay(clock.now(), sockets));
 * }
 * }</pre>
 *
 * <p>Its parts are named after what the RFCs call them: one class per protocol on the way in
 * ({@code Arp}, {@code Ipv4}, {@code Icmpv4}, {@code Udp}, {@code Tcp}, the glue to the TCP
 * sockets), the {@code NeighborCache} (ARP, RFC 826) with the {@code PendingFrames} that wait
 * for it, the {@code Routes}, the {@code FragmentReassembler} (RFC 791, RFC 815), the
 * {@code Transmitter} that routes, fragments and writes frames from a {@code TransmitRequest}
 * and answers a {@code TransmitResult}, the {@code IcmpRateLimiter} and
 * {@code ArpWaiters} for TCP; they are package-private, and the console sees
 * them through immutable snapshots: {@link dev.jnetlab.stack.iface.NeighborEntry},
 * {@link dev.jnetlab.stack.iface.Route}, {@link dev.jnetlab.stack.iface.InterfaceStats}.
 *
 * <p><b>TCP.</b> TCP connections and listeners are {@link dev.jnetlab.stack.socket.Socket}s of
 * kind {@code TCP} and {@code TCP_LISTENER} in the same {@code SocketSet}. The interface parses
 * each checked segment into one reused {@link dev.jnetlab.stack.wire.TcpRepr}, hands it to the connection whose four numbers match, else to a listener of
 * the port, and sends the reset of RFC 9293 section 3.10.7.1 only when neither takes it; on
 * the way out it writes each segment a {@link dev.jnetlab.stack.socket.tcp.TcpHandler}
 * dispatches straight into the device's buffer and commits it only once the device took it. A
 * segment whose next hop needs ARP stays in its socket, uncommitted ({@code ArpWaiters}), never
 * in the ARP queue. Make the set with {@code iface.newSocketSet()} so that ISNs come from the
 * interface's seeded RFC 6528 generator.
 */
package dev.jnetlab.stack.iface;
