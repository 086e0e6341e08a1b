package dev.jnetlab.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.jnetlab.testing.Ci;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

@RealPeer(tools = "ping")
class NetworkNamespaceTest {

    @Nested
    class ALayoutWithATap {

        @Test
        void existsWhileTheTestRunsWithTheHostAddressOnTap0(NetworkNamespace ns) {
            assertTrue(ns.exists());
            String addresses = ns.exec("ip", "-4", "-o", "addr", "show", "dev", NetworkNamespace.TAP)
                    .assertSuccess().stdout();
            assertTrue(addresses.contains("inet " + NetworkNamespace.HOST_ADDRESS + "/24"), addresses);
            String loopback = ns.exec("ip", "-o", "link", "show", "lo").assertSuccess().stdout();
            assertTrue(loopback.contains("UP"), loopback);
        }

        @Test
        void isSeparateFromTheHostsOwnNetwork(NetworkNamespace ns) throws Exception {
            String inside = ns.exec("ip", "-o", "link", "show").assertSuccess().stdout();
            assertEquals(2, inside.lines().count(), inside);
            assertNull(NetworkInterface.getByName(NetworkNamespace.TAP), "tap0 must not exist outside");
        }

        @Test
        void codeRunInsideSeesTheNamespacesInterfaces(NetworkNamespace ns) throws Exception {
            NetworkInterface tap = ns.inside(() -> NetworkInterface.getByName(NetworkNamespace.TAP));
            assertNotNull(tap, "tap0 seen from the namespace thread");
            assertTrue(Collections.list(tap.getInetAddresses())
                    .contains(InetAddress.getByName(NetworkNamespace.HOST_ADDRESS)));
        }

        @Test
        void runsPeerCommandsInside(NetworkNamespace ns) {
            PeerResult ping = ns.exec("ping", "-c", "1", "-W", "2", NetworkNamespace.HOST_ADDRESS).assertSuccess();
            assertTrue(ping.stdout().contains("1 received"), ping.stdout());
        }

        @Test
        void aCommandThatOutlivesItsTimeoutIsEndedAndFails(NetworkNamespace ns) {
            AssertionError error = assertThrows(AssertionError.class,
                    () -> ns.exec(Duration.ofMillis(300), "sleep", "30"));
            assertTrue(error.getMessage().contains("did not end within"), error.getMessage());
        }

        @Test
        void aFailedCommandReportsItsOutput(NetworkNamespace ns) {
            PeerResult result = ns.exec("ip", "link", "show", "no-such-link");
            assertFalse(result.succeeded());
            AssertionError error = assertThrows(AssertionError.class, result::assertSuccess);
            assertTrue(error.getMessage().contains("no-such-link"), error.getMessage());
        }
    }

    @Test
    void closingEndsItsPeerProgramsAndDeletesIt() {
        NetworkNamespace ns = NetworkNamespace.withTap();
        PeerProcess sleeper = ns.spawn("sleep", "60");
        assertTrue(sleeper.isAlive());
        ns.close();
        assertFalse(sleeper.isAlive(), "the peer program was ended");
        assertFalse(ns.exists(), "the namespace was deleted");
        ns.close(); // closing twice is harmless
    }

    /** Run only by {@link #theNamespaceIsRemovedEvenWhenTheTestFails()} through the JUnit test kit. */
    @RealPeer
    @EnabledIfSystemProperty(named = FailingRealPeerTest.ENABLED, matches = "true")
    static class FailingRealPeerTest {
        static final String ENABLED = "jnetlab.netns.selftest";
        static final AtomicReference<NetworkNamespace> SEEN = new AtomicReference<>();

        @Test
        void fails(NetworkNamespace ns) {
            SEEN.set(ns);
            throw new AssertionError("failing on purpose");
        }
    }

    /** Run only through the JUnit test kit: it needs a tool that no host has. */
    @RealPeer(tools = "no-such-peer-tool")
    @EnabledIfSystemProperty(named = FailingRealPeerTest.ENABLED, matches = "true")
    static class UnrunnableRealPeerTest {
        @Test
        void neverRuns(NetworkNamespace ns) {
            throw new AssertionError("must not run without its tool");
        }
    }

    @Test
    void withoutItsToolsATestIsSkippedWithTheReason() {
        Events tests = runSelfTest(UnrunnableRealPeerTest.class, "false");
        tests.assertStatistics(stats -> stats.started(1).aborted(1).failed(0));
        String reason = tests.aborted().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
        assertEquals("real-peer test: no 'no-such-peer-tool' on PATH (apt-get install no-such-peer-tool)", reason);
    }

    @Test
    void underCiATestThatCannotRunFailsInsteadOfSkipping() {
        Events tests = runSelfTest(UnrunnableRealPeerTest.class, "true");
        tests.assertStatistics(stats -> stats.started(1).aborted(0).failed(1));
    }

    private static Events runSelfTest(Class<?> testClass, String ci) {
        System.setProperty(FailingRealPeerTest.ENABLED, "true");
        System.setProperty(Ci.PROPERTY, ci);
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
        } finally {
            System.clearProperty(FailingRealPeerTest.ENABLED);
            System.clearProperty(Ci.PROPERTY);
        }
    }

    @Test
    void theNamespaceIsRemovedEvenWhenTheTestFails() {
        Events tests = runSelfTest(FailingRealPeerTest.class, "false");
        tests.assertStatistics(stats -> stats.started(1).failed(1));
        NetworkNamespace seen = FailingRealPeerTest.SEEN.get();
        assertNotNull(seen, "the failing test received a namespace");
        assertFalse(seen.exists(), seen + " was removed after the failure");
    }
}
