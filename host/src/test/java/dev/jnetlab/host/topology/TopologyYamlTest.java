package dev.jnetlab.host.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.Network;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.host.Servers;
import dev.jnetlab.host.topology.TopologySpec.HostSpec;
import dev.jnetlab.host.topology.TopologySpec.LinkSpec;
import dev.jnetlab.host.topology.TopologySpec.RouterSpec;
import dev.jnetlab.stack.forward.IcmpRateLimit;
import dev.jnetlab.stack.phy.LinkShape;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class TopologyYamlTest {
    static final String ROUTED = """
            name: mine
            start: h1
            nodes:
              - {name: h1, kind: host, address: 10.0.1.10/24, gateway: 10.0.1.1, services: [echo, http]}
              - name: r1
                kind: router
                interfaces: {eth0: 10.0.1.1/24, eth1: 10.0.2.1/24}
                routes: ["10.0.3.0/24 via 10.0.2.2"]
              - {name: h2, kind: host, address: 10.0.2.10/24, gateway: 10.0.2.1}
            links:
              - {a: h1, b: r1.eth0}
              - {a: r1.eth1, b: h2, delay: 20ms, bandwidth: 2Mbit, queue: 20, mtu: 1400, loss: [1%, 0]}
            """;

    @Test
    void readsNodesLinksAndTheirProperties() throws Exception {
        TopologySpec spec = TopologyYaml.parse("mine.yaml", "mine", ROUTED);
        assertEquals("mine", spec.name());
        HostSpec h1 = (HostSpec) spec.node("h1").orElseThrow();
        assertEquals(Ipv4Cidr.parse("10.0.1.10/24"), h1.address());
        assertEquals(Ipv4Address.parse("10.0.1.1"), h1.gateway().orElseThrow());
        assertEquals(List.of("echo", "http"), h1.services());
        RouterSpec r1 = (RouterSpec) spec.node("r1").orElseThrow();
        assertEquals(List.of("eth0", "eth1"), List.copyOf(r1.interfaces().keySet()));
        assertEquals("10.0.3.0/24 via 10.0.2.2", r1.routes().get(0).toString());
        LinkSpec slow = spec.links().get(1);
        assertEquals(new LinkShape(Micros.ofMillis(20), 2_000_000, 20, 1400), slow.shape());
        assertEquals(1.0, slow.aToB().dropPercent());
        assertEquals(0.0, slow.bToA().dropPercent());
        assertEquals(LinkShape.DEFAULT, spec.links().get(0).shape());
    }

    static final List<String> BUILT_IN = BuiltinTopologies.NAMES;

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void everyBuiltInReadsBackAsItWasWritten(String name) throws Exception {
        TopologySpec spec = BuiltinTopologies.named(name).orElseThrow();
        assertEquals(spec, TopologyYaml.parse("saved.yaml", "saved", TopologyYaml.write(spec)));
    }

    @Test
    void aTapNodeIsTheKernelOnADeviceAndReadsBackAsItWasWritten() throws Exception {
        TopologySpec spec = TopologyYaml.parse("k.yaml", "k", ROUTED.replace("links:\n", "  - {name: kernel, kind: tap, device: tap0}\n"
                + "  - {name: s1, kind: switch}\nlinks:\n").replace("{a: h1, b: r1.eth0}", "{a: h1, b: s1}\n  - {a: kernel, b: s1}\n"
                + "  - {a: s1, b: r1.eth0}"));
        assertEquals(new TopologySpec.TapSpec("kernel", "tap0"), spec.node("kernel").orElseThrow());
        assertEquals(spec, TopologyYaml.parse("saved.yaml", "saved", TopologyYaml.write(spec)));
    }

    @Test
    void aLinksJitterReadsAndWritesBackWithItsUnit() throws Exception {
        TopologySpec spec = TopologyYaml.parse("j.yaml", "j", ROUTED.replace("delay: 20ms,", "delay: 20ms, jitter: 5ms,"));
        assertEquals(new LinkShape(Micros.ofMillis(20), Micros.ofMillis(5), 2_000_000, 20, 1400), spec.links().get(1).shape());
        assertEquals(spec, TopologyYaml.parse("saved.yaml", "saved", TopologyYaml.write(spec)));
    }

    @Test
    void aRoutersIcmpRateIsLinuxsUnlessTheFileSetsItAndTheRouterBuiltKeepsIt() throws Exception {
        assertEquals(IcmpRateLimit.DEFAULT,
                ((RouterSpec) TopologyYaml.parse("r.yaml", "r", ROUTED).node("r1").orElseThrow()).icmpRate());
        TopologySpec slow = TopologyYaml.parse("r.yaml", "r", ROUTED.replace("  - {name: h2,",
                "    icmp_rate: [10, 2]\n  - {name: h2,"));
        assertEquals(new IcmpRateLimit(10, 2), ((RouterSpec) slow.node("r1").orElseThrow()).icmpRate());
        assertEquals(slow, TopologyYaml.parse("saved.yaml", "saved", TopologyYaml.write(slow)));
        Network network = Network.topology(NetworkConfig.defaults(1), slow,
                new VirtualClock(), line -> { });
        assertEquals(new IcmpRateLimit(10, 2),
                network.topology().orElseThrow().router("r1").orElseThrow().icmpRateLimit());

        TopologySpec none = TopologyYaml.parse("r.yaml", "r", ROUTED.replace("  - {name: h2,", "    icmp_rate: 0\n  - {name: h2,"));
        assertEquals(IcmpRateLimit.NONE, ((RouterSpec) none.node("r1").orElseThrow()).icmpRate());
        assertEquals(none, TopologyYaml.parse("saved.yaml", "saved", TopologyYaml.write(none)));
    }

    static final String DUAL_STACK = """
            name: dual
            nodes:
              - name: h1
                kind: host
                address: 10.0.1.10/24
                gateway: 10.0.1.1
                address6: fd00:1::10/64
                gateway6: fd00:1::1
              - name: r1
                kind: router
                interfaces: {eth0: 10.0.1.1/24, eth1: 10.0.2.1/24}
                interfaces6: {eth0: "fd00:1::1/64", eth1: "fd00:2::1/64"}
                routes: ["10.0.3.0/24 via 10.0.2.2", "fd00:3::/64 via fd00:2::2"]
              - {name: h2, kind: host, address: 10.0.2.10/24, address6: "fd00:2::10/64", gateway6: "fd00:2::1"}
            links:
              - {a: h1, b: r1.eth0}
              - {a: r1.eth1, b: h2}
            """;

    @Test
    void readsIpv6AddressesDefaultRoutersAndRoutesAndWritesThemBack() throws Exception {
        TopologySpec spec = TopologyYaml.parse("dual.yaml", "dual", DUAL_STACK);
        HostSpec h1 = (HostSpec) spec.node("h1").orElseThrow();
        assertEquals("fd00:1::10/64", h1.address6().orElseThrow().toString());
        assertEquals(Ipv6Address.parse("fd00:1::1"), h1.gateway6().orElseThrow());
        RouterSpec r1 = (RouterSpec) spec.node("r1").orElseThrow();
        assertEquals("{eth0=fd00:1::1/64, eth1=fd00:2::1/64}", r1.interfaces6().toString());
        assertEquals("10.0.3.0/24 via 10.0.2.2", r1.routes().get(0).toString(), "IPv4 routes apart");
        assertEquals(List.of("fd00:3::/64 via fd00:2::2"), r1.routes6().stream().map(Object::toString).toList());
        assertEquals(spec, TopologyYaml.parse("saved.yaml", "saved", TopologyYaml.write(spec)));
    }

    @Test
    void advertise6NamesTheInterfacesThatSendRouterAdvertisementsAndWritesBack() throws Exception {
        String text = DUAL_STACK.replace("    routes: [\"10.0.3.0/24", "    advertise6: [eth1]\n    routes: [\"10.0.3.0/24");
        TopologySpec spec = TopologyYaml.parse("dual.yaml", "dual", text);
        assertEquals(List.of("eth1"), ((RouterSpec) spec.node("r1").orElseThrow()).advertise6());
        assertTrue(TopologyYaml.write(spec).contains("advertise6: [eth1]"), TopologyYaml.write(spec));
        assertEquals(spec, TopologyYaml.parse("saved.yaml", "saved", TopologyYaml.write(spec)));
        assertEquals(List.of(), ((RouterSpec) TopologyYaml.parse("dual.yaml", "dual", DUAL_STACK).node("r1").orElseThrow())
                .advertise6(), "none unless named");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[eth2]| dual.yaml:13:18: advertise6 names eth2, which has no address in interfaces6 [eth0, eth1]",
        "[eth0, eth0]| dual.yaml:13:24: advertise6 names eth0 twice",
        "eth0| dual.yaml:13:17: advertise6 is a list of interfaces, like [eth0, eth1]",
    })
    void anAdvertise6MistakeIsOneLineWithItsPlace(String value, String expected) {
        String text = DUAL_STACK.replace("    routes: [\"10.0.3.0/24", "    advertise6: " + value + "\n    routes: [\"10.0.3.0/24");
        TopologyFileException e = assertThrows(TopologyFileException.class, () -> TopologyYaml.parse("dual.yaml", "dual", text));
        assertEquals(expected.strip(), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{name: h2, kind: host, address: 10.0.2.10/24, address6: \"fd00:2::10/64\", gateway6: \"fd00:9::1\"}| dual.yaml:1:1: h2: the gateway fd00:9::1 is on none of its IPv6 prefixes [fd00:2::10/64]",
        "{name: h2, kind: host, address: 10.0.2.10/24, address6: \"fd00:2::10\"}| dual.yaml:14:61: 'fd00:2::10' has no prefix length (like fd00:1::1/64)",
        "{name: h2, kind: host, address: 10.0.2.10/24, gateway6: \"fd00:2::1\"}| dual.yaml:14:61: gateway6 needs address6 on the host h2",
    })
    void anIpv6MistakeIsOneLineWithItsPlace(String h2, String expected) {
        String text = DUAL_STACK.replace("{name: h2, kind: host, address: 10.0.2.10/24, address6: \"fd00:2::10/64\", gateway6: \"fd00:2::1\"}", h2);
        TopologyFileException e = assertThrows(TopologyFileException.class, () -> TopologyYaml.parse("dual.yaml", "dual", text));
        assertEquals(expected.strip(), e.getMessage());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lab-net.yaml");
        Files.writeString(file, ROUTED.replace("name: mine\n", ""));
        assertEquals("lab-net", TopologyYaml.read(file).name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nodes:\\n  - {name: h1, kind: hub}\\nlinks: []| t.yaml:2:22: kind is host, router, switch or tap, not 'hub'",
        "nodes:\\n  - {name: h1, kind: host, address: 10.0.0.1/24}\\n  - {name: k, kind: tap}\\nlinks:\\n  - {a: h1, b: k}| t.yaml:3:5: the tap k needs 'device:'",
        "nodes:\\n  - {name: h1, kind: host, address: 10.0.0.1/24}\\n  - {name: k, kind: tap, device: tap0}\\nlinks: []| t.yaml:1:1: the host h1 is on 0 links",
        "nodes:\\n  - {name: s1, kind: switch}\\n  - {name: h1, kind: host, address: 10.0.0.1/24}\\n  - {name: k, kind: tap, device: tap0}\\nlinks:\\n  - {a: h1, b: s1}| t.yaml:1:1: the tap k is on 0 links; a tap is one cable to a host, a switch or a router's interface",
        "nodes:\\n  - {name: s1, kind: switch}\\n  - {name: h1, kind: host, address: 10.0.0.1/24}\\n  - {name: k, kind: tap, device: tap0}\\n  - {name: j, kind: tap, device: tap1}\\nlinks:\\n  - {a: h1, b: s1}\\n  - {a: k, b: s1}\\n  - {a: j, b: s1}| t.yaml:1:1: a topology has one tap at most, not 2 (k, j)",
        "nodes:\\n  - {name: h1, kind: host, adress: 10.0.0.1/24}\\nlinks: []| t.yaml:2:28: a host has no key 'adress' (it has address, address6, gateway, gateway6, kind, name, routes, services)",
        "nodes:\\n  - {name: h1, kind: host, address: 10.0.0.300/24}\\nlinks: []| t.yaml:2:37: ",
        "nodes:\\n  - {name: h1, kind: host, address: 10.0.0.1/24}\\nlinks:\\n  - {a: h1, b: s9}| t.yaml:1:1: the link h1 -- s9 names s9, which is no node",
        "nodes:\\n  - {name: h1, kind: host, address: 10.0.0.1/24}\\n  - {name: s1, kind: switch}\\nlinks:\\n  - {a: h1, b: s1, delay: 5 parsecs}| t.yaml:5:27: a delay has a unit: 100us, 20ms, 1s; not '5 parsecs'",
        "nodes:\\n  - {name: h1, kind: host, address: 10.0.0.1/24}\\n  - {name: s1, kind: switch}\\nlinks:\\n  - {a: h1, b: s1, delay: 1ms, jitter: 2ms}| t.yaml:5:5: a link's jitter is from 0 to its delay (1000us), not 2000us",
        "nodes:\\n  - {name: r1, kind: router, interfaces: {a: 10.0.0.1/24, b: 10.0.1.1/24}, icmp_rate: 5}\\nlinks: []| t.yaml:2:87: icmp_rate is [PER_SECOND, BURST] (Linux's [1000, 50]) or 0 for no limit",
        "nodes: [1, 2| t.yaml:1:",
        "nodes:\\n  - {name: h1, kind: host, address: 10.0.0.1/24}\\nnodes: []| t.yaml:3:1: the key 'nodes' is written twice in this mapping",
    })
    void aMistakeIsOneLineWithItsFileLineAndColumn(String text, String expected) {
        TopologyFileException e = assertThrows(TopologyFileException.class, () -> TopologyYaml.parse("t.yaml", "t", text.replace("\\n", "\n")));
        assertEquals(expected.strip(), e.getMessage().substring(0, Math.min(e.getMessage().length(), expected.strip().length())),
                e.getMessage());
    }

    @Test
    void theServicesATopologyOffersAreTheOnesServeKnowsAndItsDnsServer() {
        List<String> expected = new java.util.ArrayList<>(Servers.NAMES);
        expected.add(dev.jnetlab.host.DnsServer.NAME);
        assertEquals(expected, TopologyRules.SERVICES);
    }
}
