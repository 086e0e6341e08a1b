/**
 * The Ethernet/IPv4 interface: the layer between a {@link dev.jnetlab.stack.phy.Device} and the
 * sockets of a {@link dev.jnetlab.stack.socket.SocketSet}.
 *
 * <p>{@link dev.jnetlab.stack.iface.Interface} is the one public engine; it is configured by an
 * {@link dev.jnetlab.stack.iface.InterfaceConfig} and polled by the event loop:
 *
 * <pre>{@code
 * Interface iface = new Interface(InterfaceConfig.of(mac, Ipv4Cidr.parse("192.168.69.1/24"))
 *         .withDefaultGateway(Ipv4Address.parse("192.168.69.100")).withSeed(seed));
 * SocketSet sockets = new SocketSet(seed);
 * while (running) {
 *     iface.poll(clock.now(), device, sockets);
 *     tap.awaitReadable(iface.pollDelay(clock.now(), sockets));
 * }
 * }</pre>
 *
 * <p>Its parts are named after what the RFCs call them: the {@code NeighborCache} (ARP, RFC
 * 826) with the {@code PendingFrames} that wait for it, the {@code Routes}, the
 * {@code FragmentReassembler} (RFC 791, RFC 815), the {@code Transmitter} that fragments and
 * writes frames, the {@code IcmpRateLimiter}; they are package-private, and the console sees
 * them through immutable snapshots: {@link dev.jnetlab.stack.iface.NeighborEntry},
 * {@link dev.jnetlab.stack.iface.Route}, {@link dev.jnetlab.stack.iface.InterfaceStats}.
 *
 * <p><b>Where TCP plugs in.</b> TCP connections and listeners join the same
 * {@code SocketSet} as {@link dev.jnetlab.stack.socket.Socket}s of kind {@code TCP} and
 * {@code TCP_LISTENER}, kept in a list of their own as UDP and ICMP sockets are. The interface's
 * {@code receiveTcp} then hands a checked segment to the connection whose four numbers match,
 * else to a listener of the port, and sends the reset of RFC 9293 section 3.10.7.1 only when
 * neither takes it (as it does for every segment today); {@code poll} gains a
 * {@code dispatchTcp} beside {@code dispatchUdp}, through the same {@code Transmitter}; and
 * {@code pollAt} already asks every socket of the set.
 */
package dev.jnetlab.stack.iface;
