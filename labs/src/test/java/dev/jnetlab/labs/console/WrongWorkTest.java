package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jnetlab.labs.Lab;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lab, each step done wrongly in the plausible ways (the wrong MAC, port or handle, the
 * key action skipped, work done before the lab or the step): the lab refuses it, even after
 * time has passed, and after {@code lab retry} (which puts back what the wrong attempt changed,
 * replaying the earlier steps where a connection was aborted or closed)
 * the step's reference solution still passes, so a wrong attempt never leaves a lab stuck.
 * Commands before the lab start run in the console first; the lab's earlier steps are done by
 * their reference solutions.
 */
class WrongWorkTest {
    static Stream<Arguments> attempts() {
        return Stream.of(
                // arp-ping
                arguments("arp-ping", 1, "pings made before the lab count for nothing",
                        List.of("ping -c 3 192.168.69.100"), List.of("arp flush", "ping -c 1 192.168.69.100")),
                arguments("arp-ping", 1, "the cache not emptied: no ARP request",
                        List.of("ping -c 1 192.168.69.100"), List.of("ping -c 3 192.168.69.100")),
                arguments("arp-ping", 1, "no trace turned on", List.of(),
                        List.of("arp flush", "ping -c 3 192.168.69.100", "arp")),
                arguments("arp-ping", 1, "the cache only flushed, never listed", List.of(),
                        List.of("arp flush", "trace on arp or icmp", "ping -c 3 192.168.69.100")),
                arguments("arp-ping", 1, "the cache listed and pinged before the flush, one ping after it", List.of(),
                        List.of("trace on arp or icmp", "ping -c 3 192.168.69.100", "arp", "arp flush",
                                "ping -c 1 192.168.69.100")),
                arguments("arp-ping", 2, "not waiting long enough", List.of(), List.of("sleep 30", "arp")),
                arguments("arp-ping", 2, "a static entry is not a stale one", List.of(),
                        List.of("arp add 192.168.69.100 02:00:00:00:00:02", "sleep 61")),
                arguments("arp-ping", 3, "no ping, so no probe", List.of(), List.of("arp", "sleep 5")),
                arguments("arp-ping", 4, "a wrong MAC address", List.of(),
                        List.of("arp add 192.168.69.100 02:00:00:00:00:03", "ping -c 1 192.168.69.100", "arp")),
                arguments("arp-ping", 4, "the entry never used", List.of(),
                        List.of("arp add 192.168.69.100 02:00:00:00:00:02", "arp")),
                // udp-socat
                arguments("udp-socat", 1, "the wrong port", List.of(),
                        List.of("udp bind 5001", "udp send {udp:5001} 192.168.69.100:7 hello", "udp recv {udp:5001} --wait 2")),
                arguments("udp-socat", 1, "a socket from before the lab (the wrong handle)", List.of("udp bind 4000"),
                        List.of("udp bind 5000", "udp send 1 192.168.69.100:7 hello", "udp recv 1 --wait 2")),
                arguments("udp-socat", 1, "the reply never read", List.of(),
                        List.of("udp bind 5000", "udp send {udp:5000} 192.168.69.100:7 hello", "sleep 2")),
                arguments("udp-socat", 2, "a port where something listens", List.of(),
                        List.of("udp send {udp:5000} 192.168.69.100:7 anyone?", "sleep 1")),
                arguments("udp-socat", 3, "one read for two datagrams", List.of(),
                        List.of("udp send {udp:5000} 192.168.69.100:7 one", "udp send {udp:5000} 192.168.69.100:7 two",
                                "udp recv {udp:5000} --wait 1", "sleep 1")),
                arguments("udp-socat", 3, "no read at all", List.of(),
                        List.of("udp send {udp:5000} 192.168.69.100:7 one", "udp send {udp:5000} 192.168.69.100:7 two",
                                "sleep 2")),
                // tcp-handshake
                arguments("tcp-handshake", 1, "the wrong port", List.of(), List.of("tcp connect 192.168.69.100:80", "sleep 1")),
                arguments("tcp-handshake", 2, "the echo never read", List.of(),
                        List.of("tcp send {tcp:7} hello", "sleep 2")),
                arguments("tcp-handshake", 2, "a connection from before the lab (the wrong handle)",
                        List.of("tcp connect 192.168.69.100:7"),
                        List.of("tcp send 1 hello", "tcp recv 1 --wait 2")),
                arguments("tcp-handshake", 3, "an abort is not a close", List.of(),
                        List.of("tcp abort {tcp:7}", "sleep 2")),
                arguments("tcp-handshake", 4, "no request, so no answer and no FIN", List.of(),
                        List.of("tcp connect 192.168.69.100:80", "sleep 3")),
                arguments("tcp-handshake", 5, "an abort is not the last ACK", List.of(),
                        List.of("tcp abort {tcp:80}", "sleep 2")),
                // flow-control
                arguments("flow-control", 1, "the wrong service", List.of(), List.of("tcp connect 192.168.69.100:7", "sleep 2")),
                arguments("flow-control", 2, "not waiting for the probes", List.of(), List.of("tcp show {tcp:19}")),
                arguments("flow-control", 3, "never reading", List.of(), List.of("sleep 5")),
                // retransmission
                arguments("retransmission", 1, "nothing sent", List.of(), List.of("tcp connect 192.168.69.100:7", "sleep 2")),
                arguments("retransmission", 2, "the link never cut", List.of(),
                        List.of("tcp send {tcp:7} hello", "sleep 12")),
                arguments("retransmission", 2, "not waiting for three timeouts", List.of(),
                        List.of("fault drop 100", "tcp send {tcp:7} hello", "sleep 2")),
                arguments("retransmission", 3, "the link never healed", List.of(), List.of("sleep 10")),
                arguments("retransmission", 4, "no new data", List.of(), List.of("sleep 3")),
                // reordering
                arguments("reordering", 1, "no reordering on the link", List.of(),
                        List.of("tcp connect 192.168.69.100:19", "sleep 2")),
                arguments("reordering", 2, "never reading", List.of(), List.of("sleep 3")),
                arguments("reordering", 3, "no duplicates on the link", List.of(),
                        List.of("fault off", "tcp recv {tcp:19}", "sleep 2", "tcp recv {tcp:19}", "sleep 2")),
                // congestion
                arguments("congestion", 1, "nothing sent", List.of(), List.of("tcp connect 192.168.69.100:9", "sleep 3")),
                arguments("congestion", 2, "no loss on the link", List.of(),
                        List.of("tcp send {tcp:9} --file /bin/bash", "sleep 5")),
                arguments("congestion", 3, "the old Reno connection again", List.of(),
                        List.of("fault drop 1", "tcp send 1 --file /bin/bash", "sleep 5")),
                // pcap
                arguments("pcap", 1, "no capture", List.of(),
                        List.of("tcp connect 192.168.69.100:80", "tcp send {tcp:80} \"GET / HTTP/1.0\\r\\n\\r\\n\"",
                                "tcp recv {tcp:80} --wait 2")),
                arguments("pcap", 2, "two pings, not three", List.of(), List.of("ping -c 2 192.168.69.100")),
                arguments("pcap", 3, "the capture never stopped", List.of(), List.of("tcp close {tcp:80}", "sleep 1")),
                arguments("pcap", 3, "the connection never closed", List.of(), List.of("capture stop", "sleep 1")),
                arguments("pcap", 3, "the file never read", List.of(),
                        List.of("tcp close {tcp:80}", "sleep 1", "capture stop")),
                // rst-scan
                arguments("rst-scan", 1, "an open port", List.of(), List.of("tcp connect 192.168.69.100:7", "sleep 1")),
                arguments("rst-scan", 2, "only the open ports", List.of(),
                        List.of("tcp connect 192.168.69.100:7", "tcp connect 192.168.69.100:80", "sleep 1")),
                arguments("rst-scan", 2, "port 80 left out", List.of(),
                        List.of("tcp connect 192.168.69.100:7", "tcp connect 192.168.69.100:22",
                                "tcp connect 192.168.69.100:443", "sleep 1")),
                arguments("rst-scan", 3, "the wrong connection aborted", List.of(), List.of("tcp abort {tcp:80}", "sleep 1")),
                arguments("rst-scan", 3, "a connection from before the lab aborted", List.of("tcp connect 192.168.69.100:7"),
                        List.of("tcp abort 1", "sleep 1")),
                arguments("rst-scan", 3, "a close is not an abort", List.of(), List.of("tcp close {tcp:7}", "sleep 1")),
                // rst-injection
                arguments("rst-injection", 1, "the control block never looked at", List.of(),
                        List.of("tcp connect 192.168.69.100:7", "sleep 1")),
                // fragmentation
                arguments("fragmentation", 1, "a ping that fits one frame", List.of(),
                        List.of("ping -c 1 -s 1000 192.168.69.100")),
                arguments("fragmentation", 2, "not waiting for the reassembly timer", List.of(),
                        List.of("fault drop 20", "ping -c 20 -i 0.2 -s 3000 192.168.69.100", "sleep 5")),
                arguments("fragmentation", 3, "the wrong server", List.of(),
                        List.of("tcp connect 192.168.69.100:7", "sleep 1")),
                // dhcp
                arguments("dhcp", 1, "a lease from before the lab, only renewed", List.of("dhcp start"),
                        List.of("dhcp renew", "dhcp show")),
                arguments("dhcp", 1, "no trace turned on", List.of(), List.of("dhcp start")),
                arguments("dhcp", 1, "the lease never asked for", List.of(), List.of("dhcp show", "sleep 5")),
                arguments("dhcp", 2, "a new DISCOVER is not a renewal", List.of(), List.of("dhcp start")),
                arguments("dhcp", 3, "renewing finds no conflict", List.of(), List.of("dhcp renew")),
                arguments("dhcp", 3, "the held lease never released", List.of(), List.of("dhcp start")),
                // dns
                arguments("dns", 1, "the wrong name", List.of(), List.of("resolve www.lab")),
                arguments("dns", 1, "a server that does not answer", List.of(),
                        List.of("resolve peer.lab --server 192.168.69.7")),
                arguments("dns", 2, "a name without an alias", List.of(), List.of("resolve peer.lab")),
                arguments("dns", 3, "the cache never listed", List.of(), List.of("resolve peer.lab")),
                arguments("dns", 3, "another name from the cache", List.of(), List.of("resolve www.lab", "resolve --cache")),
                arguments("dns", 4, "an answer that fits in UDP", List.of(), List.of("resolve www.lab", "resolve peer.lab")),
                // neighbor-discovery
                arguments("neighbor-discovery", 1, "the wrong address", List.of(), List.of("ip add fd00::2/64", "iface")),
                arguments("neighbor-discovery", 1, "the addresses never looked at", List.of(),
                        List.of("ip add fd00::1/64", "sleep 2")),
                arguments("neighbor-discovery", 2, "the cache never looked at", List.of(),
                        List.of("ping -c 1 fd00::100")),
                arguments("neighbor-discovery", 1, "IPv4 instead: no DAD", List.of(),
                        List.of("ip add 192.168.69.7/24", "iface")),
                arguments("neighbor-discovery", 2, "pinging IPv4 instead", List.of(),
                        List.of("ping -c 1 192.168.69.100", "ndp")),
                arguments("neighbor-discovery", 2, "the wrong address: no answer", List.of(),
                        List.of("ping -c 1 -W 1 fd00::101", "ndp")),
                arguments("neighbor-discovery", 3, "not waiting long enough", List.of(), List.of("sleep 20", "ndp")),
                arguments("neighbor-discovery", 4, "no ping, so no probe", List.of(), List.of("ndp", "sleep 6", "ndp")),
                arguments("neighbor-discovery", 4, "pinging IPv4 instead", List.of(),
                        List.of("ping -c 1 192.168.69.100", "sleep 6", "ndp")),
                arguments("neighbor-discovery", 4, "not waiting for the probe", List.of(),
                        List.of("ping -c 1 fd00::100", "ndp")),
                arguments("neighbor-discovery", 5, "no fault: the probe is answered", List.of(),
                        List.of("sleep 31", "ping -c 1 -W 1 fd00::100", "sleep 6", "ndp")),
                arguments("neighbor-discovery", 5, "IPv4's icmp dropped instead", List.of(),
                        List.of("fault drop 100 in icmp", "sleep 31", "ping -c 1 -W 1 fd00::100", "sleep 6", "ndp")),
                // slaac
                arguments("slaac", 1, "pinging IPv4 instead: IPv6 never on", List.of(),
                        List.of("ping -c 1 192.168.69.100", "iface")),
                arguments("slaac", 1, "a ping of an address no one has", List.of(),
                        List.of("trace on icmp6", "ping -c 1 -W 1 fd00::101", "sleep 3", "iface")),
                arguments("slaac", 1, "the addresses never looked at", List.of(), List.of("ping -c 1 fd00::100")),
                arguments("slaac", 2, "the routes instead of the cache", List.of(), List.of("route")),
                arguments("slaac", 2, "the ARP cache instead", List.of(), List.of("arp")),
                arguments("slaac", 3, "pinging the peer on the link: no router needed", List.of(),
                        List.of("route", "ping -c 1 fd00::100")),
                arguments("slaac", 3, "pinging IPv4 instead", List.of(), List.of("route", "ping -c 1 192.168.69.100")),
                arguments("slaac", 3, "the routes never looked at", List.of(), List.of("ping -c 1 -W 1 fd01::1")),
                // routing (on the routed topology)
                arguments("routing", 1, "a ping, not a trace", List.of(), List.of("ping -c 1 -t 1 h2", "ping -c 1 h2")),
                arguments("routing", 1, "a trace to the router only", List.of(), List.of("traceroute 10.0.1.1")),
                arguments("routing", 1, "a trace from before the lab", List.of("traceroute h2"), List.of()),
                arguments("routing", 2, "a ping that reached h2", List.of(), List.of("ping -c 1 h2")),
                arguments("routing", 2, "a TTL big enough", List.of(), List.of("ping -c 1 -t 2 h2")),
                arguments("routing", 2, "a trace, not a ping", List.of(), List.of("traceroute h2")),
                arguments("routing", 2, "the router itself pinged", List.of(), List.of("ping -c 1 -t 1 10.0.1.1")),
                arguments("routing", 2, "the ping made from h2", List.of(), List.of("node h2", "ping -c 1 -t 1 h1", "node h1")),
                arguments("routing", 3, "a destination r1 can reach", List.of(), List.of("ping -c 1 h2")),
                arguments("routing", 3, "a trace, not a ping", List.of(), List.of("traceroute -q 1 -w 1 10.9.0.1")),
                // arp-router (on the routed topology)
                arguments("arp-router", 1, "the cache never looked at", List.of(), List.of("ping -c 1 h2")),
                arguments("arp-router", 1, "the cache only flushed, never listed", List.of(),
                        List.of("arp flush", "ping -c 1 h2")),
                arguments("arp-router", 1, "the gateway pinged, not h2", List.of(), List.of("ping -c 1 10.0.1.1", "arp")),
                arguments("arp-router", 2, "the right MAC pinned", List.of(), List.of("arp add 10.0.1.1 02:00:00:10:02:01",
                        "ping -c 1 h2")),
                arguments("arp-router", 2, "the wrong MAC for h2, not the gateway", List.of(),
                        List.of("arp add 10.0.2.10 02:00:00:10:02:99", "ping -c 1 h2")),
                arguments("arp-router", 2, "nothing sent", List.of(), List.of("arp add 10.0.1.1 02:00:00:10:02:99")),
                arguments("arp-router", 2, "the wrong entry made on h2", List.of(),
                        List.of("node h2", "arp add 10.0.2.1 02:00:00:10:02:99", "ping -c 1 h1", "node h1")),
                arguments("arp-router", 3, "the static entry kept", List.of(), List.of("ping -c 1 h2", "arp")),
                // clock-handshake (on the routed topology)
                arguments("clock-handshake", 1, "the clock never paused: the handshake is over at once", List.of(),
                        List.of("tcp connect h2:7", "tcp show {tcp:7}")),
                arguments("clock-handshake", 1, "paused, but no connection opened", List.of(),
                        List.of("clock pause", "tcp show")),
                arguments("clock-handshake", 1, "a connection from before the lab", List.of("tcp connect h2:7"),
                        List.of("clock pause", "tcp show 1")),
                arguments("clock-handshake", 1, "a connection from before the lab looked at", List.of("tcp connect h2:7"),
                        List.of("clock pause", "tcp show 1", "tcp connect h2:7")),
                arguments("clock-handshake", 2, "a connection from before the lab looked at", List.of("tcp connect h2:7"),
                        List.of("clock step 4", "tcp show 1")),
                arguments("clock-handshake", 2, "the clock run, not stepped", List.of(),
                        List.of("clock run", "tcp show {tcp:7}")),
                arguments("clock-handshake", 2, "one step: the SYN only at r1", List.of(),
                        List.of("clock step", "tcp show {tcp:7}")),
                arguments("clock-handshake", 3, "data sent on the paused clock", List.of(),
                        List.of("tcp send {tcp:7} hello", "tcp recv {tcp:7} --wait 1")),
                // path-mtu (on the pmtu topology)
                arguments("path-mtu", 1, "a ping that fits the narrow link", List.of(),
                        List.of("ping -c 1 -s 900 h2", "stats")),
                arguments("path-mtu", 1, "the counters never looked at", List.of(), List.of("ping -c 1 -s 1400 h2")),
                arguments("path-mtu", 1, "a big ping from before the lab", List.of("ping -c 1 -s 1400 h2"), List.of("stats")),
                arguments("path-mtu", 2, "a send that fits any link", List.of(),
                        List.of("tcp connect h2:9", "tcp send {tcp:9} hello", "sleep 1", "tcp show {tcp:9}")),
                arguments("path-mtu", 2, "r1's ICMP from a traceroute, not from TCP", List.of(),
                        List.of("traceroute h2", "tcp connect h2:9", "tcp show {tcp:9}")),
                arguments("path-mtu", 3, "nothing sent again", List.of(), List.of("sleep 1", "tcp show {tcp:9}")),
                arguments("path-mtu", 3, "a new connection, which learns the MTU again", List.of(),
                        List.of("tcp connect h2:9", "tcp send {tcp:9} --file /bin/bash", "sleep 1", "tcp show {tcp:9}")),
                arguments("path-mtu", 4, "a ping -6 that fits the narrow link", List.of(),
                        List.of("route flush cache", "ping -6 -c 3 -s 1000 h2", "route")),
                arguments("path-mtu", 4, "an IPv4 ping, which r1 fragments", List.of(),
                        List.of("route flush cache", "ping -c 3 -s 1400 h2", "route")),
                arguments("path-mtu", 4, "the path MTU never looked at", List.of(),
                        List.of("route flush cache", "ping -6 -c 3 -s 1400 h2")),
                arguments("path-mtu", 4, "a big ping -6 from before the lab", List.of("ping -6 -c 3 -s 1400 h2"),
                        List.of("route")),
                arguments("path-mtu", 4, "TCP over IPv6, not a ping", List.of(),
                        List.of("route flush cache", "tcp connect [fd00:2::10]:9", "tcp send {tcp:9} --file /bin/bash",
                                "sleep 1", "route")),
                arguments("path-mtu", 5, "the path MTU not forgotten: the connection starts at 1280", List.of(),
                        List.of("tcp connect [fd00:2::10]:9", "tcp send {tcp:9} --file /bin/bash", "sleep 1",
                                "tcp show {tcp:9}")),
                arguments("path-mtu", 5, "a ping -6 met Packet Too Big, not TCP", List.of(),
                        List.of("route flush cache", "ping -6 -c 1 -s 1400 h2", "tcp connect [fd00:2::10]:9",
                                "tcp send {tcp:9} --file /bin/bash", "sleep 1", "tcp show {tcp:9}")),
                arguments("path-mtu", 5, "TCP over IPv4 again", List.of(),
                        List.of("route flush cache", "tcp connect h2:9", "tcp send {tcp:9} --file /bin/bash", "sleep 1",
                                "tcp show {tcp:9}")),
                // shared-bottleneck (on the dumbbell topology)
                arguments("shared-bottleneck", 1, "nothing sent: the queue never fills", List.of(),
                        List.of("tcp connect h3:9", "sleep 3", "topo", "tcp show {tcp:9}")),
                arguments("shared-bottleneck", 1, "a connection from before the lab (the wrong handle)",
                        List.of("tcp connect h3:9"), List.of("tcp send 1 --file /bin/bash", "sleep 3", "topo")),
                arguments("shared-bottleneck", 1, "the file sent from h2, the wrong node", List.of(),
                        List.of("h2: tcp connect h4:9", "h2: tcp send {tcp:9@h2} --file /bin/bash", "sleep 3", "topo")),
                arguments("shared-bottleneck", 1, "the links never looked at", List.of(),
                        List.of("tcp connect h3:9", "tcp send {tcp:9} --file /bin/bash", "sleep 3", "tcp show {tcp:9}")),
                arguments("shared-bottleneck", 2, "the second flow from h1 too, not from h2", List.of(),
                        List.of("tcp send {tcp:9} --file /bin/bash", "tcp connect h4:9", "tcp send {tcp:9} --file /bin/bash",
                                "sleep 6")),
                arguments("shared-bottleneck", 2, "h2 connected but never sent", List.of(),
                        List.of("h2: tcp connect h4:9", "tcp send {tcp:9} --file /bin/bash", "sleep 6")),
                arguments("shared-bottleneck", 2, "one after the other: nothing shared", List.of(),
                        List.of("h2: tcp connect h4:9", "tcp send {tcp:9} --file /bin/bash", "sleep 9",
                                "h2: tcp send {tcp:9@h2} --file /bin/bash", "sleep 9")),
                arguments("shared-bottleneck", 3, "h2's connection left on CUBIC (the wrong cc)", List.of(),
                        List.of("tcp connect h3:9", "h2: tcp connect h4:9", "tcp send {tcp:9} --file /bin/bash",
                                "h2: tcp send {tcp:9@h2} --file /bin/bash", "sleep 5")),
                arguments("shared-bottleneck", 3, "Reno set after h2's connection opened", List.of(),
                        List.of("tcp connect h3:9", "h2: tcp connect h4:9", "set tcp.cc reno", "tcp send {tcp:9} --file /bin/bash",
                                "h2: tcp send {tcp:9@h2} --file /bin/bash", "sleep 5")),
                arguments("shared-bottleneck", 3, "Reno on h1 and CUBIC on h2, the nodes swapped", List.of(),
                        List.of("set tcp.cc reno", "tcp connect h3:9", "set tcp.cc cubic", "h2: tcp connect h4:9",
                                "tcp send {tcp:9} --file /bin/bash", "h2: tcp send {tcp:9@h2} --file /bin/bash", "sleep 5")),
                // syn-flood (on the routed topology)
                arguments("syn-flood", 1, "the default queue of 128", List.of(),
                        List.of("tcp listen 80", "h2: tcp connect h1:80", "sleep 0.1", "tcp show {listen:80}")),
                arguments("syn-flood", 1, "no real client", List.of(),
                        List.of("tcp listen 80 --half-open 8", "tcp show {listen:80}")),
                arguments("syn-flood", 1, "the listener never looked at", List.of(),
                        List.of("tcp listen 80 --half-open 8", "h2: tcp connect h1:80")),
                arguments("syn-flood", 2, "a flood from h2's own address: one connection, again and again", List.of(),
                        List.of("h2: craft tcp to h1:80 flags S", "h2: send -c 40", "sleep 0.1", "tcp show {listen:80}")),
                arguments("syn-flood", 2, "the flood sent where nothing listens", List.of(),
                        List.of("h2: craft tcp to h1:81 flags S", "h2: send -c 40 --rand-source 198.51.100.0/24",
                                "sleep 0.1", "tcp show {listen:80}")),
                arguments("syn-flood", 2, "too few SYNs to fill the queue", List.of(),
                        List.of("h2: craft tcp to h1:80 flags S", "h2: send -c 5 --rand-source 198.51.100.0/24",
                                "sleep 0.1", "tcp show {listen:80}")),
                arguments("syn-flood", 2, "the queue never looked at", List.of(),
                        List.of("h2: craft tcp to h1:80 flags S", "h2: send -c 40 --rand-source 198.51.100.0/24")),
                arguments("syn-flood", 3, "the listener never looked at", List.of(), List.of("h2: tcp connect h1:80")),
                arguments("syn-flood", 3, "no real client", List.of(), List.of("tcp show {listen:80}")),
                arguments("syn-flood", 4, "cookies turned off after the listener was made", List.of(),
                        List.of("tcp listen 81 --half-open 8", "set tcp.syncookies 0", "h2: craft tcp to h1:81 flags S",
                                "h2: send -c 40 --rand-source 198.51.100.0/24", "h2: tcp connect h1:81",
                                "tcp show {listen:81}")),
                arguments("syn-flood", 4, "the flood sent to the old listener", List.of(),
                        List.of("tcp listen 81 --half-open 8 --syncookies 0", "h2: craft tcp to h1:80 flags S",
                                "h2: send -c 40 --rand-source 198.51.100.0/24", "h2: tcp connect h1:81",
                                "tcp show {listen:81}")),
                arguments("syn-flood", 4, "no real client tried", List.of(),
                        List.of("tcp listen 81 --half-open 8 --syncookies 0", "h2: craft tcp to h1:81 flags S",
                                "h2: send -c 40 --rand-source 198.51.100.0/24", "sleep 0.1", "tcp show {listen:81}")),
                // tcp-plot
                arguments("tcp-plot", 1, "the window never drawn", List.of(),
                        List.of("tcp connect 192.168.69.100:9", "tcp send {tcp:9} --file /bin/bash", "sleep 1")),
                arguments("tcp-plot", 1, "the time-sequence graph, not the window", List.of(),
                        List.of("tcp connect 192.168.69.100:9", "tcp send {tcp:9} --file /bin/bash", "sleep 1",
                                "tcp plot {tcp:9}")),
                arguments("tcp-plot", 1, "nothing sent", List.of(),
                        List.of("tcp connect 192.168.69.100:9", "tcp plot {tcp:9} --cwnd")),
                arguments("tcp-plot", 1, "a connection from before the lab plotted", List.of("tcp connect 192.168.69.100:9"),
                        List.of("tcp connect 192.168.69.100:9", "tcp send {tcp:9} --file /bin/bash", "sleep 1",
                                "tcp plot 1 --cwnd")),
                arguments("tcp-plot", 2, "no loss on the link", List.of(),
                        List.of("tcp send {tcp:9} --file /bin/bash", "sleep 2", "tcp plot {tcp:9}", "tcp plot {tcp:9} --cwnd")),
                arguments("tcp-plot", 2, "the loss turned on, but nothing sent", List.of(),
                        List.of("fault drop 1", "tcp plot {tcp:9}", "tcp plot {tcp:9} --cwnd")),
                arguments("tcp-plot", 2, "the window never drawn", List.of(),
                        List.of("fault drop 1", "tcp send {tcp:9} --file /bin/bash", "sleep 2", "fault off",
                                "tcp plot {tcp:9}")),
                arguments("tcp-plot", 3, "the ladder's picture instead", List.of(),
                        List.of("tcp ladder {tcp:9} --svg {dir}/flow.svg")),
                arguments("tcp-plot", 3, "another file name", List.of(), List.of("tcp plot {tcp:9} --svg {dir}/other.svg")),
                arguments("tcp-plot", 3, "the window's picture drawn in the terminal", List.of(),
                        List.of("tcp plot {tcp:9} --cwnd")),
                arguments("tcp-plot", 3, "a connection from before the lab", List.of("tcp connect 192.168.69.100:9"),
                        List.of("tcp plot 1 --svg {dir}/flow.svg")));
    }

    /**
     * Wrong attempts that cannot be taken back, even by beginning the lab again: the DECLINE
     * sets 192.168.69.50 aside on the server for 600 s; the step's own start is a new lab.
     * (An abort, a close or a stopped capture are taken back: 'lab retry' replays the earlier
     * steps' solutions to open the connection again.)
     */
    private static final java.util.Set<String> FINAL = java.util.Set.of("the held lease never released");

    @ParameterizedTest(name = "{0} step {1}: {2}")
    @MethodSource("attempts")
    void isRefusedAndTheStepCanStillBeDone(String id, int step, String how, List<String> before, List<String> wrong)
            throws Exception {
        LabConsole c = LabConsole.forLab(id, 7);
        for (String line : before) {
            c.ok(line);
        }
        c.reach(id, step);
        for (String line : wrong) {
            c.type(line);
        }
        c.type("sleep 1");
        assertEquals(step, c.step());
        assertFalse(c.stepDone(), () -> id + " step " + step + " accepted wrong work (" + how + "):\n" + c.check());
        assertFalse(c.type("lab next") instanceof dev.jnetlab.commands.Outcome.Success, "lab next refuses");

        c.ok("lab retry");
        if (FINAL.contains(how)) {
            return;
        }
        Lab lab = LabConsole.lab(id);
        c.solve(lab.step(step));
        for (int second = 0; second < 20 && !c.stepDone(); second++) {
            c.type("sleep 1");
        }
        assertTrue(c.stepDone(), () -> id + " step " + step + " not done by its solution after the wrong attempt and a retry:\n"
                + c.check());
    }
}
