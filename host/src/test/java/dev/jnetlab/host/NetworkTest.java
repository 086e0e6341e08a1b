package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.host.settings.Assignment;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.host.settings.SocketSettings;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.PcapFile;
import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkTest {
    private final List<String> output = new ArrayList<>();

    @Nested
    class TheVirtualNetwork {
        private final Network network = Network.virtual(NetworkConfig.defaults(7), output::add);

        @Test
        void hasThisHostAndThePeerOfTheContract() {
            assertEquals(List.of(Ipv4Cidr.parse("192.168.69.1/24")), network.local().iface().addresses());
            assertEquals(MacAddress.parse("02:00:00:00:00:01"), network.local().iface().mac());
            assertEquals(Optional.of(Ipv4Address.parse("192.168.69.100")), network.local().iface().defaultGateway());
            Host peer = network.peer().orElseThrow();
            assertEquals(List.of(Ipv4Cidr.parse("192.168.69.100/24")), peer.iface().addresses());
            assertEquals(MacAddress.parse("02:00:00:00:00:02"), peer.iface().mac());
            assertTrue(network.isVirtual());
            assertEquals("virtual0", network.deviceName());
        }

        @Test
        void aSocketCanBeRemovedWithoutItsHandle() {
            UdpSocket socket = new UdpSocket();
            network.local().sockets().add(socket);
            assertTrue(network.local().removeSocket(socket));
            assertFalse(network.local().removeSocket(socket));
            assertEquals(0, network.local().sockets().size());
        }

        @Test
        void pollsItsCompanionsAfterTheHostsAndCountsTheirDeadlines() throws Exception {
            List<Long> polls = new ArrayList<>();
            network.addCompanion(new dev.jnetlab.host.driver.Pollable() {
                @Override
                public void poll(long now) {
                    polls.add(now);
                }

                @Override
                public long pollAt(long now) {
                    return now < Micros.ofSeconds(2) ? Micros.ofSeconds(2) : Micros.NEVER;
                }
            });
            assertEquals(Micros.ofSeconds(2), network.pollAt(0));
            VirtualClock clock = new VirtualClock();
            new VirtualDriver(clock, network).await(Micros.ofSeconds(5), now -> null);
            assertTrue(polls.contains(Micros.ofSeconds(2)), polls.toString());
        }

        @Test
        void holdsTheSettingsOfNewSockets() throws Exception {
            assertEquals(SocketSettings.DEFAULT, network.settings().effective());
            network.settings().set(List.of(new Assignment(SocketOption.CC, CongestionControl.Algorithm.CUBIC.ordinal())));
            assertEquals(CongestionControl.Algorithm.CUBIC,
                    network.settings().effective().newTcpSocket().congestionAlgorithm());
            network.settings().reset();
            assertEquals(SocketSettings.DEFAULT, network.settings().effective());
        }

        @Test
        void theLinksMonitorSeesFramesBothWaysWithoutTracing() throws Exception {
            List<String> frames = new ArrayList<>();
            network.link().monitor().add((now, direction, frame, offset, length) -> frames.add(direction.toString()));
            VirtualClock clock = new VirtualClock();
            VirtualDriver driver = new VirtualDriver(clock, network);
            assertFalse(network.link().tracer().isOn());
            // ARP resolution for a datagram to the peer: a request out, a reply in.
            UdpSocket udp = new UdpSocket();
            driver.call(now -> {
                network.local().sockets().add(udp);
                try {
                    udp.bind(5000);
                    udp.sendTo(dev.jnetlab.stack.socket.Endpoint.of(Ipv4Address.parse("192.168.69.100"), 9), new byte[] {1}, 0, 1);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            driver.await(Micros.ofSeconds(1), now -> null);
            assertTrue(frames.contains("TX") && frames.contains("RX"), frames.toString());
        }

        @Test
        void isIdleUntilSomethingHappens() {
            assertEquals(Micros.NEVER, network.pollAt(0));
        }

        @Test
        void servicesRunAfterEachPollAndAskForTheirOwnDeadlines() {
            Host peer = network.peer().orElseThrow();
            List<Long> polls = new ArrayList<>();
            peer.addService(new Service() {
                @Override
                public String name() {
                    return "ticker";
                }

                @Override
                public void poll(long now) {
                    polls.add(now);
                }

                @Override
                public long pollAt(long now) {
                    return polls.size() < 3 ? now + 1000 : Micros.NEVER;
                }
            });
            VirtualClock clock = new VirtualClock();
            try {
                new VirtualDriver(clock, network).await(Micros.ofSeconds(1), now -> null);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals(List.of(0L, 1000L, 2000L), polls.subList(0, 3));
            assertEquals(List.of("echo", "discard", "chargen", "http", "dhcp", "dns", "ticker"),
                    peer.services().stream().map(Service::name).toList());
            assertThrows(IllegalArgumentException.class, () -> peer.addService(peer.services().get(0)));
            assertTrue(peer.removeService("ticker", clock.now()));
            assertFalse(peer.removeService("ticker", clock.now()));
        }

        @Test
        void closeStopsServicesClosesSocketsAndEndsTheCapture(@TempDir Path dir) throws Exception {
            List<String> closed = new ArrayList<>();
            network.local().addService(new Service() {
                @Override
                public String name() {
                    return "watch";
                }

                @Override
                public void poll(long now) {
                }

                @Override
                public void close(long now) {
                    closed.add("watch");
                }
            });
            UdpSocket socket = new UdpSocket();
            network.local().sockets().add(socket);
            socket.bind(6969);
            Path file = dir.resolve("x.pcap");
            network.link().capture().start(PcapFile.create(file, 0));

            network.beginClose(0);
            assertEquals(Optional.empty(), network.finishClose(0));
            assertEquals(List.of("watch"), closed);
            assertEquals(0, network.local().sockets().size());
            assertFalse(socket.isBound());
            assertTrue(network.link().capture().capture().isEmpty());
            assertEquals(24, Files.size(file), "closed with its header");
        }
    }

    @Test
    void theVirtualNetworkRefusesThePeersAddressOrMac() {
        IllegalArgumentException address = assertThrows(IllegalArgumentException.class, () -> Network.virtual(
                NetworkConfig.defaults(1).withAddress(Ipv4Cidr.parse("192.168.69.100/24")), output::add));
        assertEquals("192.168.69.100 is the simulated peer's address on the virtual network: give this host another one",
                address.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Network.virtual(
                NetworkConfig.defaults(1).withMac(MacAddress.parse("02:00:00:00:00:02")), output::add));
    }

    @Test
    void anAddressTheInterfaceRefusesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Network.virtual(
                NetworkConfig.defaults(1).withAddress(Ipv4Cidr.parse("192.168.69.0/24")), output::add));
    }

    @Test
    void onARealDeviceThereIsNoPeerAndTheFaultsComeFromTheConfiguration() {
        VirtualWire wire = new VirtualWire();
        Network network = Network.attached(NetworkConfig.defaults(1).withFaults(FaultConfig.NONE.withDropPercent(5)),
                wire.a(), "tap0", "tap tap0", output::add);
        assertTrue(network.peer().isEmpty());
        assertEquals("tap tap0", network.deviceDescription());
        assertEquals(5.0, network.link().faults().config().dropPercent());
        assertEquals(wire.a(), network.link().device());
    }

    @Test
    void traceTimesAreElapsedTimeAsTcpdumpTtttttPrintsThem() {
        assertEquals("00:00:00.000000", TraceOutput.appendElapsed(new StringBuilder(), 0).toString());
        assertEquals("00:00:01.000250", TraceOutput.appendElapsed(new StringBuilder(), 1_000_250).toString());
        assertEquals("01:02:03.000004", TraceOutput.appendElapsed(new StringBuilder(), 3_723_000_004L).toString());
        assertEquals("123:00:00.000000", TraceOutput.appendElapsed(new StringBuilder(), 123L * 3_600_000_000L).toString());
    }
}
