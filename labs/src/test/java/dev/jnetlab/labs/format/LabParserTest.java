package dev.jnetlab.labs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.settings.Assignment;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.LabFileException;
import dev.jnetlab.labs.LabStep;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.check.TcpOptions;
import dev.jnetlab.labs.check.Check;
import dev.jnetlab.labs.check.Ports;
import dev.jnetlab.labs.check.TcbField;
import dev.jnetlab.labs.check.TcpOptionNames;
import dev.jnetlab.labs.check.WindowSize;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.NeighborState;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.TcpFlags;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabParserTest {
    /** The smallest lab: every required key, nothing more. Line numbers matter to the tests below. */
    static final String MINIMAL = """
            id: demo
            title: A demo
            summary: Shows the format.
            setup:
              network: [virtual, tap]
            steps:
              - title: Ping the peer
                instructions: Type ping.
                checks:
                  - arp: {address: 192.168.69.100}
                learned: ARP came first.
            solution:
              - step: 1
                commands: [ping -c 1 192.168.69.100]
            """;

    static Lab parse(String yaml) throws LabFileException {
        return LabParser.parse("demo.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                Optional.empty());
    }

    static LabFileException failure(String yaml) {
        return assertThrows(LabFileException.class, () -> parse(yaml));
    }

    /** The minimal lab with {@code line} (1-based) replaced by {@code replacement} (which may be several lines). */
    static String minimalWith(int line, String replacement) {
        List<String> lines = new java.util.ArrayList<>(MINIMAL.lines().toList());
        lines.set(line - 1, replacement);
        return String.join("\n", lines) + "\n";
    }

    static void assertAt(LabFileException e, int line, int column, String reason) {
        assertEquals("demo.yaml:" + line + ":" + column + ": " + reason, e.getMessage());
        assertEquals("demo.yaml", e.path());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        assertEquals(reason, e.reason());
    }

    @Nested
    class AGoodFile {
        @Test
        void aKeyActionIsACheckOfTheStepItself() throws LabFileException {
            String keyed = MINIMAL.replace("      - arp: {address: 192.168.69.100}\n",
                    "      - command: {name: arp flush, key: true}\n      - arp: {address: 192.168.69.100}\n");
            assertEquals(new Check.CommandRun("arp flush", 1, Optional.empty(), true, List.of()), parse(keyed).step(1).checks().get(0));
            String nested = MINIMAL.replace("      - arp: {address: 192.168.69.100}\n",
                    "      - all: [{command: {name: arp flush, key: true}}, {arp: {address: 192.168.69.100}}]\n");
            LabFileException e = assertThrows(LabFileException.class, () -> parse(nested));
            assertTrue(e.reason().startsWith("a key action ('key: true') is a check of the step itself, not a part of "
                    + "all, any, not or within"), e.getMessage());
        }

        @Test
        void aStepsCommandsMeantToFailAreKept() throws LabFileException {
            Lab lab = parse(MINIMAL + """
                        fails: [ping -c 1 192.168.69.100]
                    """);
            assertEquals(List.of("ping -c 1 192.168.69.100"), lab.step(1).fails());
            assertEquals(List.of(), parse(MINIMAL).step(1).fails());
        }

        @Test
        void theMinimalLabLoads() throws LabFileException {
            Lab lab = parse(MINIMAL);
            assertEquals("demo", lab.id());
            assertEquals("A demo", lab.title());
            assertEquals(Set.of(NetworkKind.VIRTUAL, NetworkKind.TAP), lab.setup().networks());
            assertEquals(1, lab.steps().size());
            LabStep step = lab.step(1);
            assertEquals("Ping the peer", step.title());
            assertEquals(List.of(new Check.ArpEntry(Ipv4Address.parse("192.168.69.100"), Optional.empty())), step.checks());
            assertEquals(List.of("ping -c 1 192.168.69.100"), step.solution());
            assertEquals(List.of(), step.hints());
            assertEquals(List.of(), step.host());
            assertEquals("demo.yaml", lab.source());
        }

        @Test
        void everyPredicateAndKeyIsRead() throws LabFileException {
            Lab lab = parse("""
                    id: full
                    title: Everything
                    summary: |
                      Every key of the format.
                    setup:
                      network: [virtual]
                      services: [echo, chargen]
                      serve: [server-example, echo 7007]
                      faults: [drop 30, delay 50 10, reorder 5]
                      addresses: [10.0.0.1/24]
                      tcp: {buffer: 64, congestion: cubic}
                    steps:
                      - title: One
                        instructions: Do it.
                        suggested: [tcp connect 192.168.69.100:7, "tcp send 1 'hello world'"]
                        checks:
                          - arp: {address: 192.168.69.100, state: REACHABLE}
                          - tcp-state: {state: SYN-RECEIVED, local-port: 6969}
                          - received: {octets: 5, remote-port: 7}
                          - label: the SYN-ACK came back
                            frame: {filter: tcp and port 7, direction: rx, flags: [SYN, ACK], without: [RST], count: 2}
                          - frame: {window: 0, min-length: 1, direction: tx}
                          - counter: {name: arp_requests_out, at-least: 1}
                          - retransmissions: {at-least: 3, cause: timeout, remote-port: 9}
                          - cwnd: {above: 10 segments, below: 100000, algorithm: reno}
                          - within: {seconds: 2.5, check: {tcp-state: {state: ESTABLISHED}}}
                          - all: [{tcp-state: {state: LISTEN}}, {not: {arp: {address: 10.0.0.2}}}]
                          - any: [{counter: {name: udp_in, at-least: 1}}]
                          - tcb: {field: rto-ms, at-least: 2000, at-most: 8000, algorithm: cubic, remote-port: 7}
                          - frame: {filter: tcp, flags: [SYN], options: [MSS, SACK-PERMITTED]}
                          - ndp: {address: "fd00::100", state: STALE, mac: "02:00:00:00:00:02"}
                          - address: {address: "fd00::ff:fe00:1", state: preferred, origin: slaac}
                        hints: [first, second]
                        learned: Much.
                        ladder: {port: 7}
                        tcp: {congestion: reno, receive-buffer: 128}
                    tap:
                      intro: Make tap0 first.
                      steps:
                        - step: 1
                          host: [socat - TCP:192.168.69.1:7]
                          note: The host is the peer.
                    solution:
                      - step: 1
                        commands: [tcp connect 192.168.69.100:7]
                    """);
            assertEquals(List.of("echo", "chargen"), lab.setup().services());
            assertEquals(List.of("ip add 10.0.0.1/24", "serve server-example", "serve echo 7007", "fault drop 30",
                    "fault delay 50 10", "fault reorder 5"), lab.setup().commands());
            assertEquals(List.of("serve stop server-example", "serve stop echo", "ip del 10.0.0.1/24"),
                    lab.setup().undoCommands());
            assertEquals(64L, lab.setup().tcp().value(SocketOption.RCVBUF));
            assertEquals(64L, lab.setup().tcp().value(SocketOption.SNDBUF));
            assertEquals(CongestionControl.Algorithm.CUBIC.ordinal(), lab.setup().tcp().value(SocketOption.CC));
            LabStep step = lab.step(1);
            assertEquals(List.of("tcp connect 192.168.69.100:7", "tcp send 1 'hello world'"), step.suggested());
            Ports remote7 = new Ports(OptionalInt.empty(), OptionalInt.of(7));
            List<Check> expected = List.of(
                    new Check.ArpEntry(Ipv4Address.parse("192.168.69.100"), Optional.of(NeighborState.REACHABLE)),
                    new Check.SocketState(TcpState.SYN_RECEIVED, new Ports(OptionalInt.of(6969), OptionalInt.empty())),
                    new Check.OctetsReceived(5, remote7),
                    new Check.Labeled("the SYN-ACK came back", new Check.FrameSeen("tcp and port 7", Optional.of(Direction.RX),
                            TcpFlags.SYN | TcpFlags.ACK, TcpFlags.RST, OptionalInt.empty(), OptionalInt.empty(), 0, 2)),
                    new Check.FrameSeen("", Optional.of(Direction.TX), 0, 0, OptionalInt.of(0), OptionalInt.of(1), 0, 1),
                    new Check.CounterAtLeast(InterfaceCounter.ARP_REQUESTS_OUT, 1),
                    new Check.Retransmissions(3, Check.Cause.TIMEOUT, new Ports(OptionalInt.empty(), OptionalInt.of(9))),
                    new Check.Cwnd(Optional.of(new WindowSize(10, WindowSize.Unit.SEGMENTS)),
                            Optional.of(new WindowSize(100_000, WindowSize.Unit.OCTETS)),
                            Optional.of(CongestionControl.Algorithm.RENO), Ports.ANY),
                    new Check.Within(2_500_000, new Check.SocketState(TcpState.ESTABLISHED, Ports.ANY)),
                    new Check.All(List.of(new Check.SocketState(TcpState.LISTEN, Ports.ANY),
                            new Check.Not(new Check.ArpEntry(Ipv4Address.parse("10.0.0.2"), Optional.empty())))),
                    new Check.Any(List.of(new Check.CounterAtLeast(InterfaceCounter.UDP_IN, 1))),
                    new Check.ControlBlock(TcbField.RTO_MS, OptionalLong.of(2000), OptionalLong.of(8000),
                            Optional.of(CongestionControl.Algorithm.CUBIC), remote7),
                    new Check.FrameSeen("tcp", Optional.empty(), TcpFlags.SYN, 0, OptionalInt.empty(), OptionalInt.empty(),
                            TcpOptionNames.bit("MSS") | TcpOptionNames.bit("SACK-PERMITTED"), 1),
                    new Check.NdpEntry(dev.jnetlab.stack.wire.Ipv6Address.parse("fd00::100"),
                            Optional.of(dev.jnetlab.stack.iface.NdpState.STALE),
                            Optional.of(dev.jnetlab.stack.wire.MacAddress.parse("02:00:00:00:00:02"))),
                    new Check.AddressHeld(dev.jnetlab.stack.wire.Ipv6Address.parse("fd00::ff:fe00:1"),
                            Optional.of(dev.jnetlab.stack.iface.Ipv6AddressState.PREFERRED),
                            Optional.of(dev.jnetlab.stack.iface.Ipv6AddressOrigin.SLAAC)));
            assertEquals(expected, step.checks());
            assertEquals(List.of("first", "second"), step.hints());
            assertEquals(OptionalInt.of(7), step.ladderPort());
            assertEquals(new TcpOptions(List.of(new Assignment(SocketOption.CC, CongestionControl.Algorithm.RENO.ordinal()),
                    new Assignment(SocketOption.RCVBUF, 128))), step.tcp());
            assertEquals(List.of("socat - TCP:192.168.69.1:7"), step.host());
            assertEquals("The host is the peer.", step.hostNote());
            assertEquals("Make tap0 first.", lab.tapIntro());
        }

        @Test
        void aFileOnDiskIsNamedByItsPath(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("mine.yaml");
            Files.writeString(file, MINIMAL.replace("network: [virtual, tap]", "network: [vritual]"));
            LabFileException e = assertThrows(LabFileException.class, () -> LabParser.parse(file));
            assertEquals(file + ":5:13: 'vritual' is not a network; the networks are: virtual, tap, raw, topology", e.getMessage());
        }

        @Test
        void aMissingFileSaysSo(@TempDir Path dir) {
            LabFileException e = assertThrows(LabFileException.class, () -> LabParser.parse(dir.resolve("none.yaml")));
            assertEquals(dir.resolve("none.yaml") + ": no such file", e.getMessage());
        }
    }

    @Nested
    class AnUnknownKey {
        @Test
        void inAStepIsNamedWithTheKeysThatAre() {
            LabFileException e = failure(minimalWith(11, "    learned: ARP came first.\n    hint: try ping"));
            assertAt(e, 12, 5, "unknown key 'hint' in a step (did you mean hints?); a step has: "
                    + "title, instructions, suggested, checks, hints, learned, ladder, tcp, peer-addresses");
        }

        @Test
        void atTheTopLevel() {
            LabFileException e = failure(minimalWith(3, "summary: Shows the format.\nauthor: me"));
            assertAt(e, 4, 1, "unknown key 'author' in a lab file; a lab file has: "
                    + "id, title, summary, setup, steps, tap, solution");
        }

        @Test
        void inAPredicate() {
            LabFileException e = failure(minimalWith(10, "      - arp: {address: 192.168.69.100, sate: STALE}"));
            assertAt(e, 10, 40, "unknown key 'sate' in an arp check (did you mean state?); an arp check has: address, state, mac");
        }

        @Test
        void writtenTwice() {
            LabFileException e = failure(minimalWith(8, "    instructions: Type ping.\n    title: Again"));
            assertAt(e, 9, 5, "the key 'title' is written twice in this mapping (first on line 7)");
        }
    }

    @Nested
    class AMissingField {
        @Test
        void ofAStepPointsAtTheStep() {
            LabFileException e = failure(minimalWith(7, "  - instructions: x").replace("    instructions: Type ping.\n", ""));
            assertAt(e, 7, 5, "missing 'title': one line that names the step");
        }

        @Test
        void atTheTopLevelPointsAtTheFile() {
            LabFileException e = failure(MINIMAL.replace("summary: Shows the format.\n", ""));
            assertAt(e, 1, 1, "missing 'summary': a paragraph on what the lab shows");
        }

        @Test
        void withAnEmptyValue() {
            LabFileException e = failure(minimalWith(11, "    learned:"));
            assertAt(e, 11, 13, "'learned' has no value; it is what finishing the step taught");
        }

        @Test
        void ofAPredicate() {
            LabFileException e = failure(minimalWith(10, "      - counter: {at-least: 1}"));
            assertAt(e, 10, 18, "missing 'name': a counter of 'stats', like arp_requests_out");
        }

        @Test
        void aStepWithoutSolution() {
            LabFileException e = failure(MINIMAL + """
                      - step: 2
                        commands: [arp]
                    """);
            assertAt(e, 15, 11, "there is no step 2; the steps are 1 to 1");
        }

        @Test
        void theSolutionOfAStep() {
            LabFileException e = failure(minimalWith(11, """
                        learned: ARP came first.
                      - title: Two
                        instructions: Again.
                        checks: [{arp: {address: 192.168.69.100}}]
                        learned: Nothing.\
                    """));
            assertAt(e, 17, 3, "the solution ends at step 1 of 2; every step needs its commands");
        }

        @Test
        void aCommandMeantToFailMustBeOneOfTheSteps() {
            LabFileException e = failure(MINIMAL + """
                        fails: [tcp connect 192.168.69.100:81]
                    """);
            assertAt(e, 15, 12, "'tcp connect 192.168.69.100:81' is not one of step 1's commands; "
                    + "fails names the commands of the step that are meant to fail");
        }
    }

    @Nested
    class ABadPredicate {
        @Test
        void anUnknownOneSuggestsTheClosest() {
            LabFileException e = failure(minimalWith(10, "      - arpp: {address: 192.168.69.100}"));
            assertAt(e, 10, 9, "unknown check 'arpp' (did you mean arp?); the checks are: arp, ndp, address, tcp-state, received, "
                    + "frame, dhcp, dns, counter, retransmissions, cwnd, tcb, listener, link, command, within, all, any, not (and a label)");
        }

        @Test
        void twoInOneCheck() {
            LabFileException e = failure(minimalWith(10, """
                          - arp: {address: 192.168.69.100}
                            counter: {name: udp_in, at-least: 1}\
                    """));
            assertAt(e, 11, 9, "a check has one predicate, and this one has both 'arp' and 'counter'; "
                    + "write two checks, or combine them with all: or any:");
        }

        @Test
        void notAMapping() {
            LabFileException e = failure(minimalWith(10, "      - arp"));
            assertAt(e, 10, 9, "a check is a mapping with one predicate, like 'arp: {address: 192.168.69.100}'; "
                    + "the predicates are: arp, ndp, address, tcp-state, received, frame, dhcp, dns, counter, retransmissions, cwnd, tcb, listener, link, command, within, all, any, not");
        }

        @Test
        void aBadAddress() {
            LabFileException e = failure(minimalWith(10, "      - arp: {address: 192.168.69}"));
            assertEquals(10, e.line());
            assertEquals(24, e.column());
            assertTrue(e.reason().contains("192.168.69"), e.reason());
        }

        @Test
        void aDhcpMessageTypeNamedWrongGetsTheList() {
            LabFileException e = failure(minimalWith(10, "      - dhcp: {message: DISCOVERY, direction: tx}"));
            assertAt(e, 10, 25, "'DISCOVERY' is not a DHCP message type (did you mean DISCOVER?); they are: DISCOVER, "
                    + "OFFER, REQUEST, DECLINE, ACK, NAK, RELEASE, INFORM");
        }

        @Test
        void aDnsTransportOrKindThatIsNone() {
            assertAt(failure(minimalWith(10, "      - dns: {transport: sctp}")), 10, 26,
                    "'sctp' is not a transport; write udp or tcp");
            assertAt(failure(minimalWith(10, "      - dns: {message: reply}")), 10, 24,
                    "'reply' is not a kind of DNS message; write query or answer");
        }

        @Test
        void dhcpDnsAndThePeersAddressesAreRead() throws LabFileException {
            Lab lab = parse(minimalWith(10, "      - dhcp: {message: decline, direction: tx, count: 2}\n"
                    + "      - dns: {message: answer, name: www.lab, cname: true, truncated: false, transport: tcp}\n"
                    + "    peer-addresses: [192.168.69.50/24]").replace("  network: [virtual, tap]",
                    "  network: [virtual, tap]\n  run: [resolve --flush]\n  undo: [dhcp release]"));
            assertEquals(List.of(new Check.DhcpSeen(dev.jnetlab.stack.wire.DhcpMessageType.DECLINE,
                    Optional.of(Direction.TX), 2), new Check.DnsSeen(Optional.empty(), Optional.of("tcp"),
                    Optional.of(true), Optional.of("www.lab"), Optional.of(true), Optional.of(false), 1)),
                    lab.step(1).checks());
            assertEquals(List.of(dev.jnetlab.stack.wire.Ipv4Cidr.parse("192.168.69.50/24")), lab.step(1).peerAddresses());
            assertEquals(List.of("resolve --flush"), lab.setup().run());
            assertEquals(List.of("dhcp release"), lab.setup().undoCommands());
            assertTrue(lab.setup().commands().contains("resolve --flush"));
            LabFileException e = failure(minimalWith(11, "    learned: ARP came first.\n    peer-addresses: [192.168.69]"));
            assertEquals(12, e.line());
            assertTrue(e.reason().contains("192.168.69"), e.reason());
        }

        @Test
        void aWindowSizeInAnUnknownUnit() {
            LabFileException e = failure(minimalWith(10, "      - cwnd: {above: 10 packets}"));
            assertAt(e, 10, 23, "'packets' is not a unit of a window size (octets or segments)");
        }

        @Test
        void aCauseOfRetransmission() {
            LabFileException e = failure(minimalWith(10, "      - retransmissions: {at-least: 1, cause: rto}"));
            assertAt(e, 10, 47, "'rto' is not a cause; write any, timeout (an RTO fired) or fast (fast retransmit)");
        }

        @Test
        void aFieldOfTheControlBlock() {
            LabFileException e = failure(minimalWith(10, "      - tcb: {field: rto, at-least: 1}"));
            assertAt(e, 10, 22, "'rto' is not a field a lab can check (did you mean rto-ms?); the fields are: "
                    + "rto-ms, srtt-ms, snd-wnd, rcv-wnd, ssthresh, in-flight, send-queued, recv-unread, out-of-order-ranges, "
                    + "octets-sent, octets-received, segments-in, segments-out, retransmissions, fast-retransmits, timeouts, "
                    + "duplicate-acks, challenge-acks, out-of-order-drops, send-mss, peer-mss, path-mtu");
        }

        @Test
        void aFieldOfAListener() {
            LabFileException e = failure(minimalWith(10, "      - listener: {port: 80, field: cookies, at-least: 1}"));
            assertAt(e, 10, 37, "'cookies' is not a field of a listener a lab can check (did you mean cookies-rejected?); "
                    + "the fields are: waiting, backlog, half-open, max-half-open, syncookies, accepted, cookies-sent, "
                    + "cookies-validated, cookies-rejected, syns-dropped-backlog-full, syns-dropped-half-open-full, "
                    + "cookie-acks-dropped");
        }

        @Test
        void aListenerWithoutItsPort() {
            LabFileException e = failure(minimalWith(10, "      - listener: {field: cookies-sent, at-least: 1}"));
            assertEquals(10, e.line());
            assertTrue(e.reason().startsWith("a listener check names its port"), e.reason());
        }

        @Test
        void boundsTheWrongWayRound() {
            LabFileException e = failure(minimalWith(10, "      - tcb: {field: rto-ms, at-least: 5, at-most: 1}"));
            assertAt(e, 10, 43, "at-most 1 is below at-least 5");
        }

        @Test
        void aTcpOption() {
            LabFileException e = failure(minimalWith(10, "      - frame: {options: [MSS, WSCALE]}"));
            assertAt(e, 10, 32, "'WSCALE' is not a TCP option; the options are: MSS, WS, SACK-PERMITTED, SACK, TS");
        }

        @Test
        void aFlag() {
            LabFileException e = failure(minimalWith(10, "      - frame: {filter: tcp, flags: [SYN, AKC]}"));
            assertAt(e, 10, 43, "'AKC' is not a TCP flag (did you mean ACK?); the flags are: SYN, FIN, RST, PSH, ACK, URG, ECE, CWR, NS");
        }
    }

    @Nested
    class ABadFilter {
        @Test
        void failsAtTheFilterWithTheCompilersReason() {
            LabFileException e = failure(minimalWith(10, "      - frame: {filter: tcp and port}"));
            assertEquals(10, e.line());
            assertEquals(25, e.column());
            assertTrue(e.reason().startsWith("the filter 'tcp and port' does not compile: "), e.reason());
        }

        @Test
        void inBlockStylePointsAtItsLine() {
            LabFileException e = failure(minimalWith(10, """
                          - frame:
                              direction: rx
                              filter: udp or or tcp\
                    """));
            assertEquals(12, e.line());
            assertEquals(19, e.column());
        }
    }

    @Nested
    class ABadState {
        @Test
        void ofTcpNamesTheRfcStates() {
            LabFileException e = failure(minimalWith(10, "      - tcp-state: {state: ESTABLISHD}"));
            assertAt(e, 10, 28, "'ESTABLISHD' is not a TCP state (did you mean ESTABLISHED?); RFC 9293 names them: "
                    + "CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, "
                    + "LAST-ACK, TIME-WAIT");
        }

        @Test
        void spelledWithUnderscores() {
            LabFileException e = failure(minimalWith(10, "      - tcp-state: {state: TIME_WAIT}"));
            assertTrue(e.reason().startsWith("'TIME_WAIT' is not a TCP state (did you mean TIME-WAIT?)"), e.reason());
        }

        @Test
        void ofNdp() {
            LabFileException e = failure(minimalWith(10, "      - ndp: {address: \"fd00::100\", state: REACHABEL}"));
            assertAt(e, 10, 44, "'REACHABEL' is not a state of an NDP entry (RFC 4861 section 7.3.2) (did you mean REACHABLE?); "
                    + "they are: INCOMPLETE, REACHABLE, STALE, DELAY, PROBE");
        }

        @Test
        void ofAnIpv6AddressAsIfacePrintsThem() {
            LabFileException e = failure(minimalWith(10, "      - address: {address: \"fd00::1\", origin: slac}"));
            assertAt(e, 10, 47, "'slac' is not an origin of an IPv6 address (did you mean slaac?); "
                    + "they are: link-local, manual, slaac");
        }

        @Test
        void anIpv6AddressMustBeOne() {
            LabFileException e = failure(minimalWith(10, "      - ndp: {address: 192.168.69.100}"));
            assertEquals(10, e.line());
            assertTrue(e.reason().contains("192.168.69.100"), e.reason());
        }

        @Test
        void ofArp() {
            LabFileException e = failure(minimalWith(10, "      - arp: {address: 192.168.69.100, state: STALLED}"));
            assertAt(e, 10, 47, "'STALLED' is not a state of an ARP entry (did you mean STALE?); the states are: "
                    + "REACHABLE, STALE, PROBE, INCOMPLETE, STATIC");
        }
    }

    @Nested
    class ABadCounter {
        @Test
        void suggestsTheClosestName() {
            LabFileException e = failure(minimalWith(10, "      - counter: {name: arp_request_out, at-least: 1}"));
            assertAt(e, 10, 25, "'arp_request_out' is not an interface counter (did you mean arp_requests_out?); "
                    + "'stats' lists them");
        }

        @Test
        void aValueBelowOne() {
            LabFileException e = failure(minimalWith(10, "      - counter: {name: udp_in, at-least: 0}"));
            assertAt(e, 10, 43, "at-least is at least 1, not 0");
        }
    }

    @Nested
    class ABadValue {
        /** The minimal lab on the dumbbell topology, its check (now on line 11) replaced by {@code check}. */
        private String onTheDumbbell(String check) {
            return minimalWith(5, "  network: [topology]\n  topology: dumbbell").replace("      - arp: {address: 192.168.69.100}", check);
        }

        @Test
        void aNodeThatIsNoHostOfTheLabsTopology() {
            LabFileException e = failure(onTheDumbbell("      - tcb: {field: octets-sent, at-least: 1, node: h9}"));
            assertAt(e, 11, 54, "'h9' is not a host of dumbbell (did you mean h1?); its hosts are: h1, h2, h3, h4");
            e = failure(onTheDumbbell("      - counter: {name: frames_in, at-least: 1, node: r1}"));
            assertTrue(e.reason().startsWith("'r1' is not a host of dumbbell"), "a router is no host: " + e.reason());
        }

        @Test
        void aNodeInALabOnNoTopology() {
            LabFileException e = failure(minimalWith(10, "      - frame: {filter: tcp, node: h2}"));
            assertAt(e, 10, 30, "a check names a node, which only a lab on a topology can (setup: network: [topology], "
                    + "topology: NAME)");
        }

        @Test
        void aLinkThatIsNotThere() {
            LabFileException e = failure(onTheDumbbell("      - link: {name: r1-r3, field: tail-drops, at-least: 1}"));
            assertAt(e, 11, 22, "'r1-r3' is not a link of dumbbell (did you mean r1-r2?); its links are: h1-s1, h2-s1, r1-s1, "
                    + "r1-r2, r2-s2, h3-s2, h4-s2");
        }

        @Test
        void aLinksEndThatIsNotOneOfItsEnds() {
            LabFileException e = failure(onTheDumbbell("      - link: {name: r2-r1, from: s1, field: tail-drops, at-least: 1}"));
            assertAt(e, 11, 35, "'s1' is not an end of r2-r1; its ends are r1 and r2");
        }

        @Test
        void aLinkFieldThatIsNotOne() {
            LabFileException e = failure(onTheDumbbell("      - link: {name: r1-r2, field: taildrops, at-least: 1}"));
            assertAt(e, 11, 36, "'taildrops' is not a field of a link (did you mean tail-drops?); the fields are: frames, tail-drops, queued");
        }

        @Test
        void aLinkWithoutABound() {
            LabFileException e = failure(onTheDumbbell("      - link: {name: r1-r2, field: queued}"));
            assertEquals("a link check needs a bound: at-least, at-most or both", e.reason());
        }

        @Test
        void nodeAndLinkChecksAreReadOnTheirTopology() throws Exception {
            Lab lab = parse(onTheDumbbell("      - link: {name: r2-r1, from: r1, field: tail-drops, at-least: 1}\n"
                    + "      - tcb: {node: h2, field: octets-sent, at-least: 400000, remote-port: 9}\n"
                    + "      - counter: {node: h1, name: frames_in, at-least: 1}"));
            Ports remote9 = new Ports(OptionalInt.empty(), OptionalInt.of(9));
            assertEquals(List.of(
                    new Check.LinkCount("r2-r1", Optional.of("r1"), dev.jnetlab.labs.check.LinkField.TAIL_DROPS, OptionalLong.of(1),
                            OptionalLong.empty()),
                    new Check.OnNode("h2", new Check.ControlBlock(TcbField.OCTETS_SENT, OptionalLong.of(400000), OptionalLong.empty(),
                            Optional.empty(), remote9)),
                    new Check.CounterAtLeast(InterfaceCounter.FRAMES_IN, 1)), lab.step(1).checks(),
                    "the lab's own host, h1, needs no node");
        }
        @Test
        void aTextForANumber() {
            LabFileException e = failure(minimalWith(10, "      - frame: {filter: tcp, count: many}"));
            assertAt(e, 10, 37, "'count' is a whole number, not 'many'");
        }

        @Test
        void aFractionForAWholeNumber() {
            LabFileException e = failure(minimalWith(10, "      - received: {octets: 2.5}"));
            assertEquals(10, e.line());
            assertEquals(28, e.column());
            assertTrue(e.reason().startsWith("'octets' is a whole number"), e.reason());
        }

        @Test
        void aTextForAList() {
            LabFileException e = failure(minimalWith(11, "    learned: ARP came first.\n    hints: just one"));
            assertAt(e, 12, 12, "'hints' is a list, not 'just one'");
        }

        @Test
        void aFault() {
            LabFileException e = failure(minimalWith(5, "  network: [virtual]\n  faults: [drop 30, dorp 5]"));
            assertAt(e, 6, 21, "unknown sub-command 'dorp' of fault (did you mean drop?)");
        }

        @Test
        void aFaultIsReadAsTheCommandReadsIt() throws Exception {
            Lab lab = parse(minimalWith(5, "  network: [virtual]\n  faults: [drop 10%, delay 0.5]"));
            assertEquals(List.of("fault drop 10%", "fault delay 0.5"), lab.setup().commands());
        }

        @Test
        void aFaultsScopeIsReadAsTheCommandReadsIt() throws Exception {
            Lab lab = parse(minimalWith(5, "  network: [virtual]\n  faults: [drop 10 in tcp, delay 20 5 out port 80]"));
            assertEquals(List.of("fault drop 10 in tcp", "fault delay 20 5 out port 80"), lab.setup().commands());
        }

        @Test
        void aFaultsScopeTheCommandWouldRefuse() {
            LabFileException e = failure(minimalWith(5, "  network: [virtual]\n  faults: [drop 10 in tcpp]"));
            assertAt(e, 6, 12, "SCOPE: unknown word 'tcpp': expected arp, ip, icmp, udp, tcp, ip6, icmp6, host IP, port N, and, or, not");
        }

        @Test
        void aLabOnATopologyNamesWhichOne() throws Exception {
            Lab lab = parse(minimalWith(5, "  network: [topology]\n  topology: routed"));
            assertEquals(java.util.Optional.of("routed"), lab.setup().topology());
            assertEquals(java.util.Optional.empty(), parse(MINIMAL).setup().topology(), "the others name none");
        }

        @Test
        void aLabOnATopologyWithoutItsName() {
            LabFileException e = failure(minimalWith(5, "  network: [topology]"));
            assertTrue(e.reason().contains("topology") && e.reason().contains("lan, routed, wan"), e.reason());
        }

        @Test
        void aTopologyThatIsNotBuiltIn() {
            LabFileException e = failure(minimalWith(5, "  network: [topology]\n  topology: routd"));
            assertAt(e, 6, 13, "'routd' is not a built-in topology (did you mean routed?); they are: lan, routed, wan, pmtu, dumbbell");
        }

        @Test
        void aTopologyForALabOnTheVirtualNetwork() {
            LabFileException e = failure(minimalWith(5, "  network: [virtual]\n  topology: routed"));
            assertAt(e, 6, 13, "a topology is named only by a lab whose network is topology");
        }

        @Test
        void aTcpOptionIsReadAsSetReadsIt() {
            LabFileException e = failure(minimalWith(5, "  network: [virtual]\n  tcp: {sack: maybe}"));
            assertAt(e, 6, 15, "sack: 'maybe' is not on or off");
            e = failure(minimalWith(5, "  network: [virtual]\n  tcp: {sakc: off}"));
            assertEquals(6, e.line());
            assertTrue(e.reason().startsWith("'sakc' is not a tcp option (did you mean sack?); they are: buffer, cc,"),
                    e.reason());
        }

        @Test
        void everyTcpOptionOfSetIsALabFilesToo() throws Exception {
            Lab lab = parse(minimalWith(5, "  network: [virtual]\n  tcp: {sack: off, timestamps: off, nagle: off, "
                    + "rto-min: 200ms, buffer: 64K}"));
            TcpOptions tcp = lab.setup().tcp();
            assertEquals(0L, tcp.value(SocketOption.SACK));
            assertEquals(0L, tcp.value(SocketOption.TIMESTAMPS));
            assertEquals(0L, tcp.value(SocketOption.NAGLE));
            assertEquals(200_000L, tcp.value(SocketOption.RTO_MIN));
            assertEquals(65536L, tcp.value(SocketOption.SNDBUF));
            assertEquals(65536L, tcp.value(SocketOption.RCVBUF));
        }

        @Test
        void aFaultTheCommandWouldRefuse() {
            LabFileException e = failure(minimalWith(5, "  network: [virtual]\n  faults: [reorder 20]"));
            assertEquals(6, e.line());
            assertTrue(e.reason().startsWith("reordering needs a delay"), e.reason());
        }

        @Test
        void aCommandThatIsTwo() {
            LabFileException e = failure(minimalWith(14, "    commands: [ping -c 1 192.168.69.100; arp]"));
            assertAt(e, 14, 16, "'ping -c 1 192.168.69.100; arp' is 2 commands; write one command per item");
        }

        @Test
        void anIdThatDiffersFromTheFileName() {
            LabFileException e = assertThrows(LabFileException.class, () -> LabParser.parse("other.yaml",
                    new ByteArrayInputStream(MINIMAL.getBytes(StandardCharsets.UTF_8)), Optional.of("other")));
            assertEquals("other.yaml:1:5: the id 'demo' differs from the file's name, other.yaml", e.getMessage());
        }

        @Test
        void aSolutionOutOfOrder() {
            LabFileException e = failure(minimalWith(13, "  - step: 1\n    commands: [arp]\n  - step: 1"));
            assertAt(e, 15, 11, "step 1 has two solution entries");
        }
    }

    @Nested
    class BadYaml {
        @Test
        void badIndentationIsReportedWhereYamlNoticedIt() {
            LabFileException e = failure(minimalWith(8, "     instructions: Type ping."));
            assertAt(e, 8, 18, "this is not valid YAML: mapping values are not allowed here; a line indented unlike its "
                    + "neighbours, or a ': ' inside an unquoted text, does this");
        }

        @Test
        void anUnclosedFlowSequence() {
            LabFileException e = failure(minimalWith(5, "  network: [virtual, tap"));
            // YAML notices on the next line, at the colon of 'steps:', that the list never closed.
            assertAt(e, 6, 6, "this is not valid YAML: expected ',' or ']', but got : (while parsing a flow sequence)");
        }

        @Test
        void anEmptyFile() {
            LabFileException e = failure("");
            assertEquals("demo.yaml: the file is empty; a lab file starts with id:, title:, summary:", e.getMessage());
        }

        @Test
        void aListInsteadOfAMapping() {
            LabFileException e = failure("- id: demo\n");
            assertAt(e, 1, 1, "expected a lab file, a mapping of keys here");
        }
    }
}
