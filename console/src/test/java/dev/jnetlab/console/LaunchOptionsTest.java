package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.ip.IpCommand;
import dev.jnetlab.console.LaunchOptions.Attachment;
import dev.jnetlab.console.LaunchOptions.Launch;
import dev.jnetlab.console.LaunchOptions.Mode;
import dev.jnetlab.console.LaunchOptions.UsageException;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.Offloads;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchOptionsTest {

    private static Launch parse(String... args) throws UsageException {
        return LaunchOptions.parse(List.of(args));
    }

    @Nested
    class Defaults {

        @Test
        void noArgumentsIsTheVirtualNetworkWithTheContractsAddresses() throws UsageException {
            Launch launch = parse();
            assertInstanceOf(Mode.Interactive.class, launch.mode());
            assertInstanceOf(Attachment.Virtual.class, launch.attachment());
            assertEquals(Ipv4Cidr.parse("192.168.69.1/24"), launch.ip());
            assertEquals(MacAddress.parse("02:00:00:00:00:01"), launch.mac());
            assertEquals(Optional.of(Ipv4Address.parse("192.168.69.100")), launch.gateway());
            assertEquals(FaultConfig.NONE, launch.faults());
            assertEquals(OptionalLong.empty(), launch.seed());
            assertEquals(Optional.empty(), launch.pcap());
        }
    }

    @Nested
    class TwoAddresses {

        @Test
        void givenTwiceOneIsIpv4AndTheOtherIpv6InEitherOrder() throws UsageException {
            Launch launch = parse("--ip", "fd00::7/64", "--ip", "10.0.0.7/8");
            assertEquals(Ipv4Cidr.parse("10.0.0.7/8"), launch.ip());
            assertEquals(Optional.of(new IpCommand.Ipv6Cidr(Ipv6Address.parse("fd00::7"), 64)), launch.ip6());
        }

        @Test
        void anIpv6AddressAloneKeepsTheDefaultIpv4One() throws UsageException {
            Launch launch = parse("--ip", "fd00::7/64");
            assertEquals(Ipv4Cidr.parse("192.168.69.1/24"), launch.ip());
            assertEquals(Ipv6Address.parse("fd00::7"), launch.ip6().orElseThrow().address());
        }

        @Test
        void withoutOneThereIsNoIpv6Address() throws UsageException {
            assertEquals(Optional.empty(), parse().ip6());
        }
    }

    @Nested
    class Gateway {

        @Test
        void withoutOneTheDefaultGatewayIsUsedWhenItIsANeighbor() throws UsageException {
            assertEquals(Optional.of(Ipv4Address.parse("192.168.69.100")), parse("--ip", "192.168.69.7/24").gateway());
        }

        @Test
        void withoutOneAnotherNetworkHasNoGateway() throws UsageException {
            assertEquals(Optional.empty(), parse("--ip", "10.0.0.2/8").gateway());
        }
    }

    @Nested
    class Attachments {

        @Test
        void aDeviceIsATapWithOffloads() throws UsageException {
            assertEquals(new Attachment.Tap("tap0", Offloads.CSUM_TSO4), parse("tap0").attachment());
        }

        @Test
        void noOffloadOpensThePlainTap() throws UsageException {
            assertEquals(new Attachment.Tap("tap0", Offloads.NONE), parse("tap0", "--no-offload").attachment());
        }

        @Test
        void noOffloadIsForATapOnly() {
            assertEquals("--no-offload is for a tap DEVICE: a raw socket and the virtual network have no offloads",
                    assertThrows(UsageException.class, () -> parse("--no-offload")).getMessage());
        }

        @Test
        void rawAttachesToAnInterface() throws UsageException {
            assertEquals(new Attachment.Raw("eth1"), parse("--raw", "eth1").attachment());
        }

        @Test
        void notBoth() {
            assertEquals("give either a tap DEVICE or --raw IFACE, not both",
                    assertThrows(UsageException.class, () -> parse("tap0", "--raw", "eth1")).getMessage());
        }
    }

    @Nested
    class Modes {

        @Test
        void commandsScriptsAndTcpdump() throws UsageException {
            assertEquals(new Mode.Commands("arp; stats"), parse("-c", "arp; stats").mode());
            assertEquals(new Mode.Script("-"), parse("--script", "-").mode());
            assertEquals(new Mode.Tcpdump("veth0"), parse("--tcpdump", "veth0").mode());
            assertInstanceOf(Mode.Help.class, parse("tap0", "--help").mode());
            assertInstanceOf(Mode.Help.class, parse("-h").mode());
        }

        @Test
        void everyOtherOptionIsRead() throws UsageException {
            Launch launch = parse("tap0", "--ip", "10.0.0.2/8", "--mac", "02:aa:bb:cc:dd:ee", "--gateway", "10.0.0.1",
                    "--pcap", "out.pcap", "--drop-chance", "15", "--corrupt-chance", "2.5", "--size-limit", "1000",
                    "--tx-rate-limit", "10", "--rx-rate-limit", "20", "--shaping-interval", "50", "--seed", "42",
                    "--serve", "--json", "--lab", "handshake", "--debug");
            assertEquals(Ipv4Cidr.parse("10.0.0.2/8"), launch.ip());
            assertEquals(MacAddress.parse("02:aa:bb:cc:dd:ee"), launch.mac());
            assertEquals(Optional.of(Ipv4Address.parse("10.0.0.1")), launch.gateway());
            assertEquals(Optional.of(Path.of("out.pcap")), launch.pcap());
            assertEquals(FaultConfig.NONE.withDropPercent(15).withCorruptPercent(2.5).withSizeLimit(1000)
                    .withTxRateLimit(10).withRxRateLimit(20).withShapingInterval(Micros.ofMillis(50)), launch.faults());
            assertEquals(OptionalLong.of(42), launch.seed());
            assertTrue(launch.serve() && launch.json() && launch.debug());
            assertEquals(Optional.of("handshake"), launch.lab());
        }
    }

    @Nested
    class BadUsage {

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "--ip 192.168.69.1;--ip: '192.168.69.1' is not an address with a prefix, as in 192.168.69.1/24",
            "--mac 02:00;--mac: '02:00' is not a MAC address, as in 02:00:00:00:00:01",
            "--gateway gw;--gateway: 'gw' is not an IPv4 address, as in 192.168.69.100",
            "--frobnicate;jnetlab has no option --frobnicate",
            "--drop-chance 150;--drop-chance: the drop chance must be a percentage from 0 to 100, not 150",
            "--size-limit -1;--size-limit: the size limit must be 0 (none) or a positive number of octets, not -1",
            "--seed many;--seed: 'many' is not a whole number",
            "-c arp --script x;-c and --script both give the commands to run: choose one",
            "--tcpdump eth0 tap0;--tcpdump runs no stack: it takes no DEVICE or --raw",
            "--tcpdump eth0 -c arp;--tcpdump only prints frames: it takes no -c, --script, --lab, --serve or --dhcp",
            "--tcpdump eth0 --dhcp;--tcpdump only prints frames: it takes no -c, --script, --lab, --serve or --dhcp",
            "tap0 tap1;'tap1' is more than jnetlab takes",
            "--gateway 10.0.0.1;--gateway 10.0.0.1 is not on the network of --ip 192.168.69.1/24: a gateway is a neighbor",
            "--gateway 192.168.69.1;--gateway 192.168.69.1 is this host's own address (--ip)",
            "--ip 10.0.0.1/8 --ip 10.0.0.2/8;--ip: one address per family, and 10.0.0.1/8 and 10.0.0.2/8 are both IPv4 "
                    + "(--ip 192.168.69.1/24 --ip fd00::1/64)",
            "--ip fd00::1/64 --ip fd00::2/64;--ip: one address per family, and fd00::1/64 and fd00::2/64 are both IPv6 "
                    + "(--ip 192.168.69.1/24 --ip fd00::1/64)",
            "--ip fd00::1;--ip: 'fd00::1' has no prefix length (like fd00::1/64)",
            "--ip ff02::1/64;--ip: ff02::1 cannot be an interface address: it is not unicast",
        })
        void saysWhatIsWrongInOneSentence(String args, String message) {
            UsageException error = assertThrows(UsageException.class, () -> parse(args.split(" ")));
            assertEquals(message, error.getMessage());
        }
    }
}
