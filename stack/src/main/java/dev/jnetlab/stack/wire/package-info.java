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
 * <p><b>Representations</b> ({@code *Repr}) are immutable records: {@code parse} checks
 * everything, checksum included, and refuses what the stack does not support; {@code emit}
 * writes a valid header with its checksum; {@code parse(emit(r))} equals {@code r}. Payloads
 * are not part of a UDP, TCP or IPv4 repr: they sit after the header in the buffer. Only
 * {@code TcpRepr} is main code; the interface reads and writes the
 * Ethernet, ARP, IPv4, UDP and ICMP headers through the views alone, so their representations
 * ({@code EthernetRepr}, {@code ArpRepr}, {@code Ipv4Repr}, {@code UdpRepr}, {@code Icmpv4Repr})
 * live with the tests, which build and check frames with them.
 *
 * <p><b>Printers</b> work on any byte range and never throw: {@link dev.jnetlab.stack.wire.OneLinePrinter}
 * (tcpdump's one-line style), {@link dev.jnetlab.stack.wire.NestedPrinter} (every field, by layer) and
 * {@link dev.jnetlab.stack.wire.HexDump} (tcpdump's {@code -XX}).
 */
package dev.jnetlab.stack.wire;
