/**
 * The buffers that sockets and reassembly are built on.
 *
 * <ul>
 *   <li>{@link dev.jnetlab.stack.storage.RingBuffer}: a byte ring, the TCP send and receive
 *       queues; reads at an offset for retransmission, writes past the write position for
 *       out-of-order data;</li>
 *   <li>{@link dev.jnetlab.stack.storage.PacketBuffer}: a queue of datagrams bounded by count
 *       and by octets, with a {@code long} of metadata each, for UDP and ICMP sockets;</li>
 *   <li>{@link dev.jnetlab.stack.storage.Assembler}: the ranges of a stream that have
 *       arrived, bounded in number, for TCP's out-of-order queue, SACK and IPv4 reassembly.</li>
 * </ul>
 *
 * <p>Every structure is sized once, at construction, and after that allocates nothing: the
 * packet path copies straight between these arrays and a frame's array (ARCHITECTURE.md §4). Public
 * methods validate their arguments and throw on a programming error; a condition the network
 * can cause (a full buffer, too many holes) is a return value, never an exception.
 */
package dev.jnetlab.stack.storage;
