package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.dns.DnsResolver;
import dev.jnetlab.stack.socket.dns.DnsResult;
import dev.jnetlab.stack.socket.dns.DnsTransmit;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.DnsName;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Names on a topology: the routed topology's h2 runs a DNS server for every node's name from the
 * start, and h1's stub resolver, asking the topology's name server across the router, gets
 * h2's address, the router's two, and h2's name back from its address.
 */
class TopologyDnsTest {
    final VirtualClock clock = new VirtualClock();
    final Network network = Network.topology(NetworkConfig.defaults(7), BuiltinTopologies.named("routed").orElseThrow(),
            clock, new ArrayList<String>()::add);
    final Topology topology = network.topology().orElseThrow();
    final VirtualDriver driver = new VirtualDriver(clock, network);

    @Test
    void everyHostAndRouterIsNamedWithEachOfItsAddresses() {
        Map<String, List<Ipv4Address>> nodes = topology.nodeAddresses();
        assertEquals(List.of("h1", "h2", "r1"), List.copyOf(nodes.keySet()));
        assertEquals(List.of(Ipv4Address.parse("10.0.2.10")), nodes.get("h2"));
        assertEquals(List.of(Ipv4Address.parse("10.0.1.1"), Ipv4Address.parse("10.0.2.1")), nodes.get("r1"));
    }

    @Test
    void h2IsTheNameServerAndH1RunsNone() {
        assertEquals(Ipv4Address.parse("10.0.2.10"), topology.nameServer().orElseThrow());
        assertTrue(topology.host("h1").orElseThrow().host().service(DnsServer.NAME).isEmpty());
    }

    @Test
    void h1ResolvesH2AcrossTheRouter() throws Exception {
        DnsResult.Answer answer = assertInstanceOf(DnsResult.Answer.class, resolve("h2.lab", DnsType.A.value()));
        assertEquals(List.of(Ipv4Address.parse("10.0.2.10")), answer.addresses());
        assertEquals(topology.nameServer(), answer.server());
    }

    @Test
    void aRouterNameHasAnARecordPerPort() throws Exception {
        DnsResult.Answer answer = assertInstanceOf(DnsResult.Answer.class, resolve("r1.lab", DnsType.A.value()));
        assertEquals(List.of(Ipv4Address.parse("10.0.1.1"), Ipv4Address.parse("10.0.2.1")), answer.addresses());
    }

    @Test
    void thePtrOfH2sAddressNamesH2() throws Exception {
        DnsResult.Answer answer = assertInstanceOf(DnsResult.Answer.class,
                resolve(DnsName.reverse(Ipv4Address.parse("10.0.2.10")), DnsType.PTR.value()));
        assertEquals("h2.lab.", ((DnsRepr.Target) answer.records().get(0).data()).name());
    }

    @Test
    void aNameOfNoNodeIsNxdomain() throws Exception {
        assertInstanceOf(DnsResult.Negative.class, resolve("h9.lab", DnsType.A.value()));
    }

    /** Asks the topology's name server from h1 over UDP, as h1's resolver service does, and waits for the end. */
    private DnsResult resolve(String name, int type) throws Exception {
        Host h1 = network.local();
        DnsResolver resolver = new DnsResolver(List.of(topology.nameServer().orElseThrow()), 1);
        UdpSocket socket = new UdpSocket();
        h1.sockets().add(socket);
        socket.bind(0);
        byte[] buf = new byte[UdpSocket.MAX_PAYLOAD];
        int query = resolver.start(clock.now(), name, type);
        return driver.await(Micros.ofSeconds(10), now -> {
            try {
                while (socket.canRecv()) {
                    int n = socket.recv(buf, 0, buf.length);
                    resolver.process(now, Ipv4Address.of(socket.lastRemoteAddress()), socket.lastRemotePort(), buf, 0, n);
                }
                DnsTransmit out;
                while ((out = resolver.poll(now)) != null) {
                    DnsTransmit.Udp udp = (DnsTransmit.Udp) out;
                    socket.sendTo(udp.server().bits(), 53, udp.message(), 0, udp.message().length);
                }
            } catch (SocketException e) {
                throw new IllegalStateException(e);
            }
            return resolver.result(query);
        });
    }
}
