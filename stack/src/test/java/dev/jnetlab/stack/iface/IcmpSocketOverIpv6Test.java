package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.IcmpMessage;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SendError;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Ipv6Address;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An ICMP echo socket over IPv6 (RFC 4443 section 4) between two stacks on a virtual wire (A is
 * fd00::a, B fd00::b), on the virtual clock: bound to an identifier, it sends ICMPv6 echo
 * requests and takes the replies that carry its identifier, as over IPv4; a reply for another
 * identifier is not its. (The errors about its requests, from a router: PathMtuOverIpv6Test in host.)
 */
class IcmpSocketOverIpv6Test {
    static final Ipv6Address A6 = Ipv6Address.parse("fd00::a");
    static final Ipv6Address B6 = Ipv6Address.parse("fd00::b");

    private final TwoStacks net = new TwoStacks();

    @BeforeEach
    void addressesPastDad() {
        net.a.addAddress(A6, 64);
        net.b.addAddress(B6, 64);
        net.idle(Micros.ofSeconds(2));
        assertTrue(net.a.sourceAddressFor(B6).isPresent() && net.b.sourceAddressFor(A6).isPresent(), "DAD is over");
    }

    private IcmpSocket bound(int identifier) throws Exception {
        IcmpSocket socket = new IcmpSocket();
        net.aSockets.add(socket);
        socket.bind(identifier);
        return socket;
    }

    @Test
    void anEchoRequestIsAnsweredAndTheReplyComesBackToTheSocketOfItsIdentifier() throws Exception {
        IcmpSocket socket = bound(0x1234);
        byte[] data = {1, 2, 3, 4, 5};

        socket.sendEcho(B6, 7, data, 0, data.length);
        assertTrue(net.runUntil(socket::canRecv, Micros.ofSeconds(1)), "the first request waits for NDP, then is answered");

        IcmpMessage reply = socket.recv();
        assertTrue(reply.isIpv6() && reply.isEchoReply());
        assertEquals(B6, reply.from());
        assertEquals(A6, reply.to());
        assertEquals(Icmpv6Packet.TYPE_ECHO_REPLY, reply.type());
        assertEquals(0x1234, reply.identifier());
        assertEquals(7, reply.sequence());
        assertEquals(64, reply.ttl(), "the hop limit it arrived with");
        assertArrayEquals(data, reply.data().toByteArray());
        assertEquals(1, net.b.stats().get(InterfaceCounter.ICMPV6_ECHO_REQUESTS_IN));
    }

    @Test
    void aReplyForAnotherIdentifierIsNotThisSocketsAndTheTwoFamiliesShareOneQueue() throws Exception {
        IcmpSocket mine = bound(1);
        IcmpSocket other = bound(2);

        mine.sendEcho(B6, 1, new byte[8], 0, 8);
        mine.sendEcho(TwoStacks.B_IP, 2, new byte[8], 0, 8);
        net.idle(Micros.ofMillis(500));

        IcmpMessage first = mine.recv();
        IcmpMessage second = mine.recv();
        assertEquals(java.util.Set.of(B6, TwoStacks.B_IP), java.util.Set.of(first.from(), second.from()));
        assertTrue(first.isEchoReply() && second.isEchoReply());
        assertFalse(other.canRecv(), "identifier 2 sent nothing");
    }

    @Test
    void aRequestToNoAddressIsRefusedAndOneWithNoRouteIsDroppedAndCounted() throws Exception {
        IcmpSocket socket = bound(9);
        Ipv6Address far = Ipv6Address.parse("2001:db8::1");

        SocketException.Send none = assertThrows(SocketException.Send.class, () -> socket.sendEcho(Ipv6Address.UNSPECIFIED, 1,
                new byte[0], 0, 0));
        assertEquals(SendError.UNADDRESSABLE, none.error());
        socket.sendEcho(far, 1, new byte[8], 0, 8);
        net.idle(Micros.ofMillis(10));

        assertFalse(socket.canRecv(), "no route: nothing went, nothing came back");
        assertEquals(1, socket.sendDropped());
    }
}
