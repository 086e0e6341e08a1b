package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.wire.Checksum;
import dev.jnetlab.stack.wire.IpProtocol;

/**
 * One IPv4 datagram for the {@link Transmitter} to send: its addresses, protocol, TTL and
 * Don't Fragment, and its payload as two pieces: a transport header (or a whole small
 * message) written into {@link #head()} through a view's setters, and a body lent from
 * anywhere ({@link #body}): a socket's buffer, the frame being answered, a reassembly buffer.
 * The transport checksum must already cover both pieces ({@link #transportSum()}).
 *
 * <p>Reused for every datagram (nothing is allocated per frame). A reply a protocol returns
 * from its receive (an echo reply, an ICMP error, a TCP reset) also names the counters that
 * say it went ({@link #countedAs}).
 */
final class TransmitRequest {
    /** Room for the largest transport header the interface writes: TCP with 40 octets of options. */
    static final int MAX_HEAD = 64;
    private static final byte[] NO_BODY = new byte[0];

    private final byte[] head = new byte[MAX_HEAD];
    private int headLength;
    private byte[] body = NO_BODY;
    private int bodyOffset;
    private int bodyLength;
    private int source;
    private int destination;
    private int protocol;
    private int ttl;
    private boolean dontFragment;
    private InterfaceCounter counter;
    private InterfaceCounter alsoCounter;

    /**
     * Starts a datagram from {@code source} (0: the route chooses, RFC 1122 section 3.3.4.3)
     * to {@code destination}, with an empty payload and no counters.
     */
    TransmitRequest datagram(int source, int destination, IpProtocol protocol, int ttl, boolean dontFragment) {
        this.source = source;
        this.destination = destination;
        this.protocol = protocol.value();
        this.ttl = ttl;
        this.dontFragment = dontFragment;
        this.headLength = 0;
        this.body = NO_BODY;
        this.bodyOffset = 0;
        this.bodyLength = 0;
        this.counter = null;
        this.alsoCounter = null;
        return this;
    }

    /** The array the transport header is written into, from index 0. */
    byte[] head() {
        return head;
    }

    /** How many octets of {@link #head()} are the transport header (an even number). */
    TransmitRequest headLength(int length) {
        this.headLength = length;
        return this;
    }

    /** The payload's body, lent: it must stay as it is until the datagram is sent. */
    TransmitRequest body(byte[] array, int offset, int length) {
        this.body = array;
        this.bodyOffset = offset;
        this.bodyLength = length;
        return this;
    }

    /** The counters a reply adds once it went (or waits for ARP). */
    TransmitRequest countedAs(InterfaceCounter first, InterfaceCounter second) {
        this.counter = first;
        this.alsoCounter = second;
        return this;
    }

    TransmitRequest countedAs(InterfaceCounter only) {
        return countedAs(only, null);
    }

    /** The one's complement sum of the head and the body (the head's length is even). */
    int transportSum() {
        int sum = Checksum.sum(head, 0, headLength);
        return bodyLength == 0 ? sum : Checksum.add(sum, Checksum.sum(body, bodyOffset, bodyLength));
    }

    /** Sets the source address the route chose. */
    void source(int address) {
        this.source = address;
    }

    int source() {
        return source;
    }

    int destination() {
        return destination;
    }

    int protocol() {
        return protocol;
    }

    int ttl() {
        return ttl;
    }

    boolean dontFragment() {
        return dontFragment;
    }

    int headLength() {
        return headLength;
    }

    byte[] body() {
        return body;
    }

    int bodyOffset() {
        return bodyOffset;
    }

    int bodyLength() {
        return bodyLength;
    }

    /** The transport payload's length: head and body. */
    int payloadLength() {
        return headLength + bodyLength;
    }

    void countSent(InterfaceCounters counters) {
        if (counter != null) {
            counters.add(counter);
        }
        if (alsoCounter != null) {
            counters.add(alsoCounter);
        }
    }
}
