package dev.jnetlab.labs.engine;

import static dev.jnetlab.host.testing.TestFrames.PEER;
import static dev.jnetlab.host.testing.TestFrames.STACK;
import static dev.jnetlab.host.testing.TestFrames.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.labs.FakeWorld;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.Tcb;
import dev.jnetlab.labs.check.TcpOptions;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.NeighborState;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpFlags;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LabEngineTest {
    static final String DEMO = """
            id: demo
            title: A demo lab
            summary: Three steps to try the engine.
            setup:
              network: [virtual, tap]
            steps:
              - title: Resolve the peer
                instructions: Ping the peer; ARP resolves it first (RFC 826).
                suggested: [ping -c 1 192.168.69.100, arp]
                checks:
                  - arp: {address: 192.168.69.100}
                hints: [Type ping -c 1 192.168.69.100., Then type arp.]
                learned: ARP comes before the first datagram.
              - title: Open a connection
                instructions: Connect to the echo port.
                checks:
                  - tcp-state: {state: SYN-SENT, remote-port: 7}
                  - tcp-state: {state: ESTABLISHED, remote-port: 7}
                  - label: the SYN-ACK came back
                    frame: {filter: tcp and port 7, direction: rx, flags: [SYN, ACK]}
                learned: Three segments open a connection.
                ladder: {port: 7}
              - title: Quickly
                instructions: A datagram must arrive within 2 seconds.
                tcp: {congestion: cubic}
                checks:
                  - within: {seconds: 2, check: {counter: {name: udp_in, at-least: 1}}}
                learned: Time matters.
            tap:
              intro: Make tap0 first.
              steps:
                - step: 1
                  host: [ping -c 1 192.168.69.1]
                  note: The host is the peer here.
            solution:
              - step: 1
                commands: [ping -c 1 192.168.69.100]
              - step: 2
                commands: [tcp connect 192.168.69.100:7]
              - step: 3
                commands: [udp send 1 192.168.69.100:7 x]
            """;

    static final String SETUP = """
            id: faulty
            title: A lab with a setup
            summary: Faults, a service, an address and TCP settings.
            setup:
              network: [virtual]
              serve: [server-example]
              faults: [drop 30, delay 50 10]
              addresses: [10.0.0.1/24]
              tcp: {buffer: 64, congestion: reno}
            steps:
              - title: Anything
                instructions: Nothing to do.
                checks:
                  - counter: {name: frames_in, at-least: 1}
                learned: Nothing.
            solution:
              - step: 1
                commands: [ping -c 1 192.168.69.100]
            """;

    private LabHarness lab;
    private FakeWorld world;

    @BeforeEach
    void console() throws Exception {
        lab = new LabHarness(DEMO, SETUP);
        world = lab.world;
    }

    private void handshakeFrames() {
        world.frame(0, Direction.TX, tcp(STACK, 49152, PEER, 7, TcpFlags.SYN, 1000, 0, 64240, 0));
        world.frame(0, Direction.RX, tcp(PEER, 7, STACK, 49152, TcpFlags.SYN | TcpFlags.ACK, 5000, 1001, 65160, 0));
        world.frame(0, Direction.TX, tcp(STACK, 49152, PEER, 7, TcpFlags.ACK, 1001, 5001, 64240, 0));
    }

    /** Steps 1 and 2 done, step 3 begun at the virtual time returned. */
    private long toStepThree() throws Exception {
        lab.ok("lab start demo");
        return toStepThreeFromStepOne();
    }

    private long toStepThreeFromStepOne() throws Exception {
        world.arp("192.168.69.100", NeighborState.REACHABLE);
        lab.ok("lab next");
        SocketHandle<FakeWorld.FakeSocket> connection = world.connection(Tcb.of(TcpState.SYN_SENT, 49152, 7).build());
        lab.engine.afterCommand(lab.driver);
        handshakeFrames();
        world.update(connection, Tcb.of(TcpState.ESTABLISHED, 49152, 7).build());
        lab.ok("lab next");
        lab.said();
        return lab.clock.now();
    }

    @Nested
    class Starting {
        @Test
        void showsTheSummaryAndTheFirstStep() throws Exception {
            assertEquals("""
                    Lab demo: A demo lab (3 steps)
                    Three steps to try the engine.

                    Step 1 of 3: Resolve the peer
                    Ping the peer; ARP resolves it first (RFC 826).

                    Try:
                      ping -c 1 192.168.69.100
                      arp""", lab.ok("lab start demo"));
            assertEquals(Optional.of(new LabProgress("demo", 1, 3, false, false)), lab.engine.progress());
            assertEquals(List.of("faults(" + dev.jnetlab.stack.phy.FaultConfig.NONE + ")",
                            "faultScope(" + dev.jnetlab.stack.phy.FaultScope.EVERY_FRAME + ")", "freshPeerDhcp", "tcpOptions(DEFAULT)",
                            "observeFrames"),
                    world.calls, "a clean start (no faults), then the lab's settings");
        }

        @Test
        void onATapShowsWhatToRunOnTheHost() throws Exception {
            world.network = NetworkKind.TAP;
            String text = lab.ok("lab start demo");
            assertTrue(text.contains("""
                    On the host, first:
                      Make tap0 first.
                    """), text);
            assertTrue(text.endsWith("""
                    On the host:
                      $ ping -c 1 192.168.69.1
                      The host is the peer here."""), text);
        }

        @Test
        void refusesANetworkTheLabDoesNotRunOn() throws Exception {
            world.network = NetworkKind.TAP;
            assertEquals("lab faulty runs on virtual, and this console is on tap; start jnetlab without a DEVICE "
                    + "for the virtual network", lab.fails("lab start faulty"));
            assertEquals(Optional.empty(), lab.engine.progress());
        }

        @Test
        void anUnknownLabSuggestsTheClosest() throws Exception {
            assertEquals("no lab 'dmeo' (did you mean demo?); 'lab list' shows them", lab.fails("lab start dmeo"));
        }

        @Test
        void runsTheSetupThroughTheConsolesCommands() throws Exception {
            String text = lab.ok("lab start faulty");
            assertEquals(List.of("ip add 10.0.0.1/24", "serve server-example", "fault drop 30", "fault delay 50 10"), lab.ran);
            assertTrue(text.contains("\nSet up: ip add 10.0.0.1/24; serve server-example; fault drop 30; fault delay 50 10; "
                    + "set tcp.sndbuf 64, tcp.rcvbuf 64, tcp.cc reno\n"), text);
            assertEquals(64L, world.tcpOptions.value(SocketOption.RCVBUF));
            assertEquals(CongestionControl.Algorithm.RENO.ordinal(), world.tcpOptions.value(SocketOption.CC));
        }

        @Test
        void aSetupThatFailsIsTakenBack() throws Exception {
            LabHarness.faultRefusal = "no fault injector on this network";
            try {
                assertEquals("lab faulty could not set itself up: 'fault drop 30' failed: no fault injector on this network",
                        lab.fails("lab start faulty"));
            } finally {
                LabHarness.faultRefusal = null;
            }
            assertEquals(List.of("ip add 10.0.0.1/24", "serve server-example", "serve stop server-example",
                    "ip del 10.0.0.1/24"), lab.ran);
            assertEquals(TcpOptions.DEFAULT, world.tcpOptions);
            assertEquals(Optional.empty(), lab.engine.progress());
        }

        @Test
        void anotherLabStopsTheFirst() throws Exception {
            lab.ok("lab start faulty");
            lab.ran.clear();
            lab.ok("lab start demo");
            assertEquals(List.of("serve stop server-example", "ip del 10.0.0.1/24"), lab.ran);
            assertEquals("demo", lab.engine.progress().orElseThrow().id());
        }
    }

    @Nested
    class Stopping {
        @Test
        void takesTheSetupBackAndStopsWatchingFrames() throws Exception {
            lab.ok("lab start faulty");
            lab.ran.clear();
            world.calls.clear();
            assertEquals("Stopped lab faulty at step 1 of 1. Undone: serve stop server-example; "
                    + "ip del 10.0.0.1/24.", lab.ok("lab stop"));
            assertEquals(List.of("observeFrames(NONE)", "tcpOptions(DEFAULT)"), world.calls);
            assertEquals(Optional.empty(), lab.engine.progress());
            assertEquals(Micros.NEVER, lab.engine.ticker().pollAt(lab.clock.now()));
        }

        @Test
        void withoutALabSaysHowToStartOne() throws Exception {
            assertEquals("no lab is running; 'lab list' shows them, 'lab start ID' starts one", lab.fails("lab stop"));
            assertEquals("no lab is running; 'lab list' shows them, 'lab start ID' starts one", lab.fails("lab status"));
        }
    }

    @Nested
    class StepProgression {
        @Test
        void aStepIsDoneWhenItsChecksPassAndSaysWhatItTaught() throws Exception {
            lab.ok("lab start demo");
            lab.said();
            lab.run("arp");
            assertEquals(List.of(), lab.said());
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            lab.engine.afterCommand(lab.driver);
            assertEquals(List.of("""
                    ✓ Step 1 of 3 done: Resolve the peer
                    Learned: ARP comes before the first datagram.
                    'lab next' goes on to step 2: Open a connection."""), lab.said());
            assertEquals(new LabProgress("demo", 1, 3, true, false), lab.engine.progress().orElseThrow());
            lab.engine.afterCommand(lab.driver);
            assertEquals(List.of(), lab.said(), "said once");
        }

        @Test
        void nextSaysWhatIsMissing() throws Exception {
            lab.ok("lab start demo");
            assertEquals("step 1 is not done yet; still missing: an ARP entry for 192.168.69.100 "
                    + "[no entry for 192.168.69.100]. 'lab hint' helps", lab.fails("lab next"));
        }

        @Test
        void nextGoesOnOnceDone() throws Exception {
            lab.ok("lab start demo");
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            assertEquals("""
                    Step 2 of 3: Open a connection
                    Connect to the echo port.""", lab.ok("lab next"));
            assertEquals(new LabProgress("demo", 2, 3, false, false), lab.engine.progress().orElseThrow());
        }

        @Test
        void checksStayTickedOnceSeen() throws Exception {
            lab.ok("lab start demo");
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            lab.ok("lab next");
            SocketHandle<FakeWorld.FakeSocket> connection = world.connection(Tcb.of(TcpState.SYN_SENT, 49152, 7).build());
            lab.engine.afterCommand(lab.driver);
            world.update(connection, Tcb.of(TcpState.ESTABLISHED, 49152, 7).build());
            String checked = lab.ok("lab check");
            assertEquals("""
                    Step 2 of 3: Open a connection (2 of 3 checks passed)
                      ✓ a TCP socket (remote port 7) in SYN-SENT  [tcp#1 SYN-SENT]
                      ✓ a TCP socket (remote port 7) in ESTABLISHED  [tcp#1 ESTABLISHED]
                      ✗ the SYN-ACK came back  [none seen yet]
                    Not yet; 'lab hint' helps.""", checked);
        }

        @Test
        void framesCountFromTheStepsStartAndTheStepShowsItsLadder() throws Exception {
            lab.ok("lab start demo");
            handshakeFrames();
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            lab.ok("lab next");
            SocketHandle<FakeWorld.FakeSocket> connection = world.connection(Tcb.of(TcpState.SYN_SENT, 49152, 7).build());
            lab.engine.afterCommand(lab.driver);
            world.update(connection, Tcb.of(TcpState.ESTABLISHED, 49152, 7).build());
            lab.said();
            lab.engine.afterCommand(lab.driver);
            assertEquals(List.of(), lab.said(), "the SYN-ACK of step 1 does not count in step 2");
            handshakeFrames();
            lab.engine.afterCommand(lab.driver);
            assertEquals(List.of("""
                    ✓ Step 2 of 3 done: Open a connection
                    Learned: Three segments open a connection.

                        192.168.69.1:49152                                    192.168.69.100:7
                            this stack                                              peer
                          CLOSED |                                                    | LISTEN
                        0.000000 | S seq 0 win 64240                                  |
                        SYN-SENT |--------------------------------------------------->| SYN-RECEIVED
                        0.000000 |                           S. seq 0 ack 1 win 65160 |
                     ESTABLISHED |<---------------------------------------------------|
                        0.000000 | . seq 1 ack 1 win 64240                            |
                                 |--------------------------------------------------->| ESTABLISHED

                    'lab next' goes on to step 3: Quickly."""), lab.said());
            assertTrue(lab.ok("lab ladder").startsWith("    192.168.69.1:49152"));
        }

        @Test
        void aStepsTcpSettingsApplyFromItsBeginning() throws Exception {
            lab.ok("lab start demo");
            world.calls.clear();
            toStepThreeFromStepOne();
            assertEquals(List.of("tcpOptions(tcp.cc cubic)"), world.calls);
        }

        @Test
        void theLastStepFinishesTheLab() throws Exception {
            toStepThree();
            world.counter(InterfaceCounter.UDP_IN, 1);
            lab.engine.afterCommand(lab.driver);
            assertEquals(List.of("""
                    ✓ Step 3 of 3 done: Quickly
                    Learned: Time matters.
                    ★ Lab demo is complete: A demo lab. 'lab list' shows the others.""",
                    "The lab's sockets stay for you to look at ('tcp ladder H'); 'lab stop' closes them."), lab.said());
            assertEquals(new LabProgress("demo", 3, 3, true, true), lab.engine.progress().orElseThrow());
            assertEquals("lab demo is complete; 'lab list' shows the others, 'lab stop' leaves it", lab.fails("lab next"));
            assertTrue(lab.ok("lab stop").startsWith("Stopped lab demo (complete). Undone: "), "the lab's connections closed");
            assertTrue(world.sockets().isEmpty());
        }
    }

    @Nested
    class Hints {
        @Test
        void comeOneAtATimeInOrder() throws Exception {
            lab.ok("lab start demo");
            assertEquals("Hint 1 of 2: Type ping -c 1 192.168.69.100.", lab.ok("lab hint"));
            assertEquals("Hint 2 of 2: Then type arp.", lab.ok("lab hint"));
            assertEquals("no more hints for step 1 (all 2 shown); 'lab check' shows what is still missing",
                    lab.fails("lab hint"));
        }

        @Test
        void aStepWithoutHintsSaysSo() throws Exception {
            lab.ok("lab start demo");
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            lab.ok("lab next");
            assertEquals("step 2 has no hints; 'lab check' shows what is still missing", lab.fails("lab hint"));
        }
    }

    @Nested
    class Status {
        @Test
        void showsTheStepItsChecksAndItsHints() throws Exception {
            lab.ok("lab start demo");
            lab.ok("lab hint");
            assertEquals("""
                    Lab demo: A demo lab
                    Step 1 of 3: Resolve the peer
                    Ping the peer; ARP resolves it first (RFC 826).

                    Try:
                      ping -c 1 192.168.69.100
                      arp

                    Checks:
                      ✗ an ARP entry for 192.168.69.100  [no entry for 192.168.69.100]
                    Hints: 1 of 2 shown ('lab hint' shows the next)
                    Step 1 is not done yet ('lab check' evaluates it now).""", lab.ok("lab status"));
        }

        @Test
        void rendersInAsciiToo() throws Exception {
            lab.ok("lab start demo");
            world.arp("192.168.69.100", NeighborState.STALE);
            Outcome outcome = lab.run("lab status");
            LabResults.Status status = (LabResults.Status) ((Outcome.Success) outcome).result();
            String ascii = status.render(Marks.ASCII);
            assertTrue(ascii.contains("  [x] an ARP entry for 192.168.69.100  [192.168.69.100 is STALE at 02:00:00:00:00:02]\n"),
                    ascii);
            assertTrue(ascii.endsWith("[x] Step 1 is done: 'lab next' goes on."), ascii);
            assertTrue(ascii.chars().allMatch(c -> c < 128), ascii);
        }

        @Test
        void hasStableJsonFields() throws Exception {
            lab.ok("lab start demo");
            String json = new JsonResults().toJson(lab.run("lab check"));
            assertEquals("{\"command\":\"lab check\",\"ok\":true,\"result\":{\"id\":\"demo\",\"step\":1,\"steps\":3,"
                    + "\"stepTitle\":\"Resolve the peer\",\"checks\":[{\"check\":\"an ARP entry for 192.168.69.100\","
                    + "\"passed\":false,\"observed\":\"no entry for 192.168.69.100\"}],\"stepDone\":false,"
                    + "\"finished\":false,\"stuck\":[]}}", json);
        }

        @Test
        void theListMarksTheRunningLab() throws Exception {
            lab.ok("lab start demo");
            assertEquals("""
                    * demo    A demo lab (3 steps)
                      faulty  A lab with a setup (1 step)
                    'lab start ID' starts one.""", lab.ok("lab list"));
        }
    }

    @Nested
    class WithinOnTheVirtualClock {
        @Test
        void passesWhenInTime() throws Exception {
            long start = toStepThree();
            lab.ok("sleep 1.5");
            world.counter(InterfaceCounter.UDP_IN, 1);
            lab.ok("sleep 0.4");
            assertTrue(lab.clock.now() - start < Micros.ofSeconds(2));
            assertTrue(lab.engine.progress().orElseThrow().finished());
        }

        @Test
        void failsForGoodWhenLateUntilTheStepIsRetried() throws Exception {
            long start = toStepThree();
            lab.ok("sleep 3");
            assertEquals(List.of("✗ Step 3: 'counter udp_in up by at least 1 in this step, within 2 s of the step starting' can no longer "
                    + "pass; 'lab retry' begins the step again."), lab.said());
            world.counter(InterfaceCounter.UDP_IN, 1);
            lab.ok("sleep 1");
            assertFalse(lab.engine.progress().orElseThrow().stepDone());
            assertTrue(lab.ok("lab check").contains("✗ counter udp_in up by at least 1 in this step, within 2 s of the step "
                    + "starting  [udp_in is 1, up 1 in this step; the 2 s are over ('lab retry' starts the step again)]"));
            assertTrue(lab.ok("lab retry").startsWith("Step 3 begins again: its checks are cleared and its clock restarted."));
            assertFalse(lab.engine.progress().orElseThrow().finished(), "the datagram before the retry counts no more");
            world.counter(InterfaceCounter.UDP_IN, 2);
            lab.ok("lab check");
            assertTrue(lab.engine.progress().orElseThrow().finished(), "one after it does, in time");
            assertTrue(lab.clock.now() - start >= Micros.ofSeconds(4));
        }

        @Test
        void theTickerIsDueAtTheDeadline() throws Exception {
            long start = toStepThree();
            long due = lab.engine.ticker().pollAt(start);
            assertEquals(start + LabEngine.TICK, due);
            lab.clock.advanceTo(start + Micros.ofMillis(1900));
            lab.engine.ticker().poll(lab.clock.now());
            assertEquals(start + Micros.ofSeconds(2), lab.engine.ticker().pollAt(lab.clock.now()));
        }

        @Test
        void theTickerSleepsWithoutALab() {
            assertEquals(Micros.NEVER, lab.engine.ticker().pollAt(0));
        }
    }
}
