/**
 * The wire layer: Ethernet II, ARP, IPv4, ICMPv4, UDP and TCP as they are on the wire, in two
 * levels, after smoltcp's design.
 *
 * <p><b>Views</b> ({@link dev.jnetlab.stack.wire.EthernetFrame}, {@link dev.jnetlab.stack.wire.ArpPacket},
 * {@link dev.jnetlab.stack.wire.Ipv4Packet}, {@link dev.jnetlab.stack.wire.Icmpv4Packet},
 * {@link dev.jnetlab.stack.wire.UdpPacket}, {@link dev.jnetlab.stack.wire.TcpPacket} and the
 * {@link dev.jnetlab.stack.wire.TcpOptionReader}) are reusable flyweights over a byte array:
 * the per-frame path of the stack. They hand addresses around as primitives (a MAC address
 * in a {@code long}, an IPv4 address in an {@code int}) and allocate nothing. Receiving is:
 *
 * <pre>{@code
 * WireError reason = ip.wrap(buf, frame.payloadOffset(), frame.payloadLength()).check();
 * if (reason == null && !ip.verifyChecksum()) reason = WireError.BAD_CHECKSUM;
 * if (reason != null) { drops.count(reason); return; }   // nothing was allocated
 * ... ip.source(), ip.payloadOffset(), ...                // none of these can fail now
 * }</pre>
 *
 * <p>{@code check()} returns {@code null} for a sound header and otherwise the reason to
 * drop it; once it has passed, no accessor of that view can fail. Checksums are verified
 * separately ({@code verifyChecksum}), because they need the pseudo-header's addresses and
 * because a device that offloads them lets the interface skip the work. {@code validate()}
 * throws the same reason as a {@link dev.jnetlab.stack.wire.WireException} with a message.
 *
 * <p><b>Representations</b> ({@code *Repr}) hold a header as values, with {@code parse} from a
 * view and {@code emit} into one. <b>One representation per protocol, used by main code</b>: a
 * representation the stack does not use is test code, not a second codec kept beside the
 * views. {@link dev.jnetlab.stack.wire.TcpRepr} is the one form of a TCP segment between the
 * interface and the sockets, both ways; it is on the packet path, so it is a mutable object
 * that its owner reuses for every segment, allocation-free: {@code parse} reads a view that
 * passed {@code check()}, {@code emit} writes the header and options. The others are immutable
 * records, for frames built off the packet path: {@code parse} checks everything, checksum
 * included, {@code emit} writes a valid header with its checksum, and {@code parse(emit(r))}
 * equals {@code r}. Ethernet, ARP, IPv4 and UDP serve the DHCP client's own frames (from
 * 0.0.0.0, its RFC 5227 probes), DHCP and DNS their clients and servers; ICMP's is test code,
 * since the interface writes ICMP through the views alone. Payloads are not part of a UDP, TCP
 * or IPv4 representation: they sit after the header in the buffer.
 *
 * <p><b>Printers</b> work on any byte range and never throw: {@link dev.jnetlab.stack.wire.OneLinePrinter}
 * (tcpdump's one-line style), {@link dev.jnetlab.stack.wire.NestedPrinter} (every field, by layer) and
 * {@link dev.jnetlab.stack.wire.HexDump} (tcpdump's {@code -XX}).
 */
package dev.jnetlab.stack.wire;
