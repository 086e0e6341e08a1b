package dev.jnetlab.console;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.ParseProblems;
import dev.jnetlab.commands.ip.IpCommand.Ipv6Cidr;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultConfigException;
import dev.jnetlab.stack.phy.Offloads;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line of {@code jnetlab} (ARCHITECTURE.md §5), read into typed values. Everything wrong
 * with it becomes one {@link UsageException} sentence; the usage text itself is the
 * hand-written {@code usage.txt}, so that {@code --help} reads like a manual page.
 */
@Command(name = "jnetlab")
final class LaunchOptions {
    @Parameters(arity = "0..1", paramLabel = "DEVICE")
    private String device;

    @Option(names = "--raw", paramLabel = "IFACE")
    private String raw;

    @Option(names = "--no-offload")
    private boolean noOffload;

    /** {@code --ip}, at most once per family: the IPv4 one replaces the default, an IPv6 one is added to IPv4. */
    @Option(names = "--ip", paramLabel = "CIDR")
    private List<String> ips = new ArrayList<>();
    private Ipv4Cidr ip = NetworkConfig.DEFAULT_ADDRESS;

    @Option(names = "--mac", paramLabel = "MAC")
    private MacAddress mac = NetworkConfig.DEFAULT_MAC;

    /** Null when not given: then 192.168.69.100 if it is on the --ip network, else no gateway. */
    @Option(names = "--gateway", paramLabel = "IP")
    private Ipv4Address gateway;

    @Option(names = "--pcap", paramLabel = "FILE")
    private Path pcap;

    @Option(names = "--drop-chance", paramLabel = "PCT")
    private double dropChance;

    @Option(names = "--corrupt-chance", paramLabel = "PCT")
    private double corruptChance;

    @Option(names = "--size-limit", paramLabel = "OCTETS")
    private int sizeLimit;

    @Option(names = "--tx-rate-limit", paramLabel = "PKTS")
    private int txRateLimit;

    @Option(names = "--rx-rate-limit", paramLabel = "PKTS")
    private int rxRateLimit;

    @Option(names = "--shaping-interval", paramLabel = "MS")
    private long shapingIntervalMillis = Micros.toMillis(FaultConfig.DEFAULT_SHAPING_INTERVAL);

    @Option(names = "--seed", paramLabel = "N")
    private Long seed;

    @Option(names = "--serve")
    private boolean serve;

    @Option(names = "--dhcp")
    private boolean dhcp;

    @Option(names = "-c", paramLabel = "'CMD; CMD'")
    private String commands;

    @Option(names = "--script", paramLabel = "FILE")
    private String script;

    @Option(names = "--json")
    private boolean json;

    @Option(names = "--lab", paramLabel = "ID")
    private String lab;

    @Option(names = "--topology", paramLabel = "NAME|FILE")
    private String topology;

    @Option(names = "--tcpdump", paramLabel = "IFACE")
    private String tcpdump;

    @Option(names = "--debug")
    private boolean debug;

    /** {@code --web [PORT]}: the live web view; without PORT, {@value #DEFAULT_WEB_PORT}. */
    @Option(names = "--web", paramLabel = "PORT", arity = "0..1", fallbackValue = "" + DEFAULT_WEB_PORT)
    private String web;

    @Option(names = "--web-address", paramLabel = "IP")
    private String webAddress;

    @Option(names = {"-h", "--help"})
    private boolean help;

    /** What the stack attaches to. */
    sealed interface Attachment {
        /** The built-in virtual network: no root needed. */
        record Virtual() implements Attachment {
        }

        /** A tap, with the offloads the kernel grants or, with {@code --no-offload}, none. */
        record Tap(String name, Offloads offloads) implements Attachment {
        }

        record Raw(String iface) implements Attachment {
        }
    }

    /** What this run does. */
    sealed interface Mode {
        record Help() implements Mode {
        }

        /** {@code --tcpdump IFACE}: print every frame on IFACE, no stack. */
        record Tcpdump(String iface) implements Mode {
        }

        record Interactive() implements Mode {
        }

        /** {@code -c}: the commands on the line. */
        record Commands(String text) implements Mode {
        }

        /** {@code --script FILE}, {@code -} for standard input. */
        record Script(String file) implements Mode {
        }
    }

    /**
     * A launch, read and checked.
     *
     * @param gateway the default route's next hop: {@code --gateway}, else 192.168.69.100 when
     *                it is on the network of {@code --ip}, else none
     * @param ip6     an IPv6 address given by a second {@code --ip}, added (as {@code ip add} adds it) at start
     */
    record Launch(Mode mode, Attachment attachment, Ipv4Cidr ip, MacAddress mac, Optional<Ipv4Address> gateway,
                  Optional<Path> pcap, FaultConfig faults, OptionalLong seed, boolean serve, boolean json,
                  Optional<String> lab, boolean debug, boolean dhcp, Optional<String> topology, Optional<Web> web,
                  Optional<Ipv6Cidr> ip6) {
        /** This launch on the built-in topology {@code name}: {@code --lab ID} of a lab that needs one. */
        Launch onTopology(String name) {
            return new Launch(mode, attachment, ip, mac, gateway, pcap, faults, seed, serve, json, lab, debug, dhcp,
                    Optional.of(name), web, ip6);
        }
    }

    /** The port of the live web view when {@code --web} names none. */
    static final int DEFAULT_WEB_PORT = 8069;

    /**
     * {@code --web [PORT] [--web-address IP]}: where the live web view listens (port 0: any free one).
     *
     * @param address the loopback address unless {@code --web-address} says otherwise
     */
    record Web(java.net.InetAddress address, int port) {
    }

    /** A command line that cannot be run as written; the message is one sentence. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private LaunchOptions() {
    }

    static Launch parse(List<String> args) throws UsageException {
        LaunchOptions options = new LaunchOptions();
        CommandLine line = new CommandLine(options)
                .registerConverter(Ipv4Cidr.class, converter(Ipv4Cidr::parse, "an address with a prefix, as in 192.168.69.1/24"))
                .registerConverter(MacAddress.class, converter(MacAddress::parse, "a MAC address, as in 02:00:00:00:00:01"))
                .registerConverter(Ipv4Address.class, converter(Ipv4Address::parse, "an IPv4 address, as in 192.168.69.100"));
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(ParseProblems.explain(e));
        }
        return options.check();
    }

    private static <T> ITypeConverter<T> converter(Function<String, T> parse, String expected) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not " + expected);
            }
        };
    }

    private Launch check() throws UsageException {
        Optional<Ipv6Cidr> ip6 = addresses();
        Mode mode = mode();
        Attachment attachment = attachment();
        if (mode instanceof Mode.Tcpdump && !(attachment instanceof Attachment.Virtual)) {
            throw new UsageException("--tcpdump runs no stack: it takes no DEVICE or --raw");
        }
        FaultConfig faults;
        try {
            faults = FaultConfig.NONE.withDropPercent(dropChance).withCorruptPercent(corruptChance)
                    .withSizeLimit(sizeLimit).withTxRateLimit(txRateLimit).withRxRateLimit(rxRateLimit)
                    .withShapingInterval(Micros.ofMillis(shapingIntervalMillis));
        } catch (FaultConfigException e) {
            throw new UsageException(flag(e.option()) + ": " + e.getMessage());
        } catch (ArithmeticException e) {
            throw new UsageException("--shaping-interval: " + shapingIntervalMillis + " ms is too long");
        }
        return new Launch(mode, attachment, ip, mac, gateway(), Optional.ofNullable(pcap), faults,
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed), serve, json,
                Optional.ofNullable(lab), debug, dhcp, topology(), web(mode), ip6);
    }

    /**
     * Reads the {@code --ip} options, one per family: an IPv4 one (into {@link #ip}) and an
     * IPv6 one, returned, so that {@code --ip 192.168.69.1/24 --ip fd00::1/64} gives both.
     */
    private Optional<Ipv6Cidr> addresses() throws UsageException {
        Optional<Ipv6Cidr> ip6 = Optional.empty();
        String ip4Text = null;
        for (String text : ips) {
            if (text.indexOf(':') >= 0) {
                if (ip6.isPresent()) {
                    throw new UsageException("--ip: one address per family, and " + ip6.get() + " and " + text
                            + " are both IPv6 (--ip 192.168.69.1/24 --ip fd00::1/64)");
                }
                try {
                    Ipv6Cidr cidr = Ipv6Cidr.parse(text);
                    if (!Ipv6Address.isUnicast(cidr.address().high(), cidr.address().low())) {
                        throw new UsageException("--ip: " + cidr.address() + " cannot be an interface address: it is not unicast");
                    }
                    ip6 = Optional.of(cidr);
                } catch (CommandException e) {
                    throw new UsageException("--ip: " + e.getMessage().substring("CIDR: ".length()));
                }
            } else {
                if (ip4Text != null) {
                    throw new UsageException("--ip: one address per family, and " + ip4Text + " and " + text
                            + " are both IPv4 (--ip 192.168.69.1/24 --ip fd00::1/64)");
                }
                ip4Text = text;
                try {
                    ip = Ipv4Cidr.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--ip: '" + text + "' is not an address with a prefix, as in 192.168.69.1/24");
                }
            }
        }
        return ip6;
    }

    private Optional<Web> web(Mode mode) throws UsageException {
        if (web == null) {
            if (webAddress != null) {
                throw new UsageException("--web-address is where --web listens: give --web too");
            }
            return Optional.empty();
        }
        if (mode instanceof Mode.Tcpdump) {
            throw new UsageException("--tcpdump runs no stack: there is nothing for --web to show");
        }
        if (!web.matches("[0-9]{1,5}") || Integer.parseInt(web) > 65535) {
            throw new UsageException("--web " + web + ": a port is a number from 0 to 65535 (0: any free port)");
        }
        java.net.InetAddress address = java.net.InetAddress.getLoopbackAddress();
        if (webAddress != null) {
            try {
                int bits = Ipv4Address.parse(webAddress).bits();
                address = java.net.InetAddress.getByAddress(new byte[] {
                    (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
            } catch (IllegalArgumentException | java.net.UnknownHostException e) {
                throw new UsageException("--web-address " + webAddress + " is not an IPv4 address, as in 0.0.0.0");
            }
        }
        return Optional.of(new Web(address, Integer.parseInt(web)));
    }

    /** {@code --topology}: empty for the pair (the default); a built-in's name or a file otherwise. */
    private Optional<String> topology() throws UsageException {
        if (topology == null || topology.equals("pair")) {
            return Optional.empty();
        }
        if (!(attachment() instanceof Attachment.Virtual)) {
            throw new UsageException("--topology is a virtual network: it takes no DEVICE or --raw");
        }
        return Optional.of(topology);
    }

    private Optional<Ipv4Address> gateway() throws UsageException {
        if (gateway == null) {
            Ipv4Address usual = NetworkConfig.DEFAULT_GATEWAY;
            return ip.contains(usual) && !ip.address().equals(usual) ? Optional.of(usual) : Optional.empty();
        }
        if (!ip.contains(gateway)) {
            throw new UsageException("--gateway " + gateway + " is not on the network of --ip " + ip
                    + ": a gateway is a neighbor");
        }
        if (gateway.equals(ip.address())) {
            throw new UsageException("--gateway " + gateway + " is this host's own address (--ip)");
        }
        return Optional.of(gateway);
    }

    /** The command-line flag that sets a fault option. */
    private static String flag(FaultConfig.Option option) {
        return switch (option) {
            case DROP -> "--drop-chance";
            case CORRUPT -> "--corrupt-chance";
            case SIZE_LIMIT -> "--size-limit";
            case TX_RATE_LIMIT -> "--tx-rate-limit";
            case RX_RATE_LIMIT -> "--rx-rate-limit";
            case SHAPING_INTERVAL -> "--shaping-interval";
            case DELAY, JITTER, REORDER, DUPLICATE -> throw new IllegalArgumentException(option + " has no flag");
        };
    }

    private Mode mode() throws UsageException {
        if (help) {
            return new Mode.Help();
        }
        if (commands != null && script != null) {
            throw new UsageException("-c and --script both give the commands to run: choose one");
        }
        if (tcpdump != null) {
            if (commands != null || script != null || lab != null || serve || dhcp) {
                throw new UsageException("--tcpdump only prints frames: it takes no -c, --script, --lab, --serve or --dhcp");
            }
            return new Mode.Tcpdump(tcpdump);
        }
        if (commands != null) {
            return new Mode.Commands(commands);
        }
        if (script != null) {
            return new Mode.Script(script);
        }
        return new Mode.Interactive();
    }

    private Attachment attachment() throws UsageException {
        if (device != null && raw != null) {
            throw new UsageException("give either a tap DEVICE or --raw IFACE, not both");
        }
        if (device != null) {
            if (device.startsWith("-")) {
                throw new UsageException("unknown option '" + device + "'");
            }
            return new Attachment.Tap(device, noOffload ? Offloads.NONE : Offloads.CSUM_TSO4);
        }
        if (noOffload) {
            throw new UsageException("--no-offload is for a tap DEVICE: a raw socket and the virtual network have no offloads");
        }
        return raw != null ? new Attachment.Raw(raw) : new Attachment.Virtual();
    }
}
