package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.Bytes;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6HeaderChain;
import dev.jnetlab.stack.wire.Ipv6Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code trace on FILTER} expression, compiled: a small part of tcpdump's pcap-filter(7)
 * language that covers what a lab needs.
 *
 * <pre>
 *   filter    := or
 *   or        := and { ("or" | "||") and }
 *   and       := unary { ("and" | "&amp;&amp;") unary }
 *   unary     := ("not" | "!") unary | "(" or ")" | primitive
 *   primitive := "arp" | "ip" | "icmp" | "udp" | "tcp" | "ip6" | "icmp6"
 *              | ["src" | "dst"] "host" (IPV4 | IPV6) | ["src" | "dst"] "port" NUMBER
 *              | ("src" | "dst") (IPV4 | IPV6)
 * </pre>
 *
 * {@code src ADDR} is {@code src host ADDR}, as pcap-filter(7) lets an address stand for
 * {@code host} after a direction.
 *
 * As in tcpdump, {@code host} also matches the sender and target addresses of ARP, and
 * {@code port} matches TCP and UDP only, in the first fragment of a datagram (the only one
 * whose transport header is there). A frame too short to show a field simply does not match.
 * {@code ip6} is every IPv6 packet; {@code icmp6} one whose extension headers lead to ICMPv6
 * (NDP included); {@code host} takes an IPv6 address too; {@code icmp}, {@code udp},
 * {@code tcp} and {@code port} are IPv4's only, for now.
 *
 * <p>{@link #accepts} reads the frame in place and allocates nothing; an instance is used
 * by one thread, the tracer's.
 */
public final class TraceFilter implements FrameFilter {
    private static final int ETHERTYPE_IPV4 = EtherType.IPV4.value();
    private static final int ETHERTYPE_ARP = EtherType.ARP.value();
    private static final int PROTOCOL_ICMP = IpProtocol.ICMP.value();
    private static final int PROTOCOL_TCP = IpProtocol.TCP.value();
    private static final int PROTOCOL_UDP = IpProtocol.UDP.value();
    private static final int ETHERTYPE_IPV6 = EtherType.IPV6.value();
    private static final int PROTOCOL_ICMPV6 = IpProtocol.ICMPV6.value();

    private final String text;
    private final Node root;
    private final EthernetFrame ethernet = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final ArpPacket arp = new ArpPacket();
    private final Ipv6Packet ip6 = new Ipv6Packet();
    private final Ipv6HeaderChain chain = new Ipv6HeaderChain();
    /** What the frame being judged shows, read once per frame by {@link #read}. */
    private final Facts facts = new Facts();

    private TraceFilter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Compiles {@code text}; an error says where and what would be right. */
    public static TraceFilter parse(String text) throws FilterSyntaxException {
        Parser parser = new Parser(text);
        Node root = parser.or();
        parser.expectEnd();
        return new TraceFilter(text.strip(), root);
    }

    @Override
    public boolean accepts(byte[] frame, int offset, int length) {
        read(frame, offset, length);
        return root.matches(facts);
    }

    @Override
    public String toString() {
        return text;
    }

    private void read(byte[] frame, int offset, int length) {
        facts.clear();
        if (ethernet.wrap(frame, offset, length).check() != null) {
            return;
        }
        facts.etherType = ethernet.payloadEtherTypeValue();
        int payload = ethernet.payloadOffset();
        int payloadLength = ethernet.payloadLength();
        if (facts.etherType == ETHERTYPE_ARP) {
            if (arp.wrap(frame, payload, payloadLength).check() == null) {
                facts.hasAddresses = true;
                facts.source = arp.senderProtocolAddr();
                facts.destination = arp.targetProtocolAddr();
            }
        } else if (facts.etherType == ETHERTYPE_IPV4 && ip.wrap(frame, payload, payloadLength).checkHeader() == null) {
            facts.hasAddresses = true;
            facts.protocol = ip.protocolValue();
            facts.source = ip.source();
            facts.destination = ip.destination();
            int transport = ip.payloadOffset();
            boolean transportHasPorts = facts.protocol == PROTOCOL_TCP || facts.protocol == PROTOCOL_UDP;
            if (transportHasPorts && ip.fragmentOffset() == 0 && transport + 4 <= offset + length) {
                facts.hasPorts = true;
                facts.sourcePort = Bytes.u16(frame, transport);
                facts.destinationPort = Bytes.u16(frame, transport + 2);
            }
        } else if (facts.etherType == ETHERTYPE_IPV6 && ip6.wrap(frame, payload, payloadLength).checkHeader() == null) {
            facts.hasAddresses6 = true;
            facts.source6High = ip6.sourceHigh();
            facts.source6Low = ip6.sourceLow();
            facts.destination6High = ip6.destinationHigh();
            facts.destination6Low = ip6.destinationLow();
            int available = Math.min(ip6.payloadLength(), payloadLength - Ipv6Packet.HEADER_LEN);
            if (chain.walk(frame, payload, ip6.nextHeader(), available) == null) {
                facts.protocol = chain.upperLayer();
            }
        }
    }

    /** The fields of one frame that primitives test. */
    private static final class Facts {
        int etherType = -1;
        int protocol = -1;
        boolean hasAddresses;
        int source;
        int destination;
        boolean hasPorts;
        int sourcePort;
        int destinationPort;
        boolean hasAddresses6;
        long source6High;
        long source6Low;
        long destination6High;
        long destination6Low;

        void clear() {
            etherType = -1;
            protocol = -1;
            hasAddresses = false;
            hasAddresses6 = false;
            hasPorts = false;
        }
    }

    /** Which end of a frame a {@code host} or {@code port} primitive looks at. */
    private enum End {
        SRC, DST, EITHER;

        boolean matches(int value, int source, int destination) {
            return switch (this) {
                case SRC -> source == value;
                case DST -> destination == value;
                case EITHER -> source == value || destination == value;
            };
        }
    }

    private sealed interface Node {
        boolean matches(Facts frame);
    }

    private record Or(Node left, Node right) implements Node {
        public boolean matches(Facts frame) {
            return left.matches(frame) || right.matches(frame);
        }
    }

    private record And(Node left, Node right) implements Node {
        public boolean matches(Facts frame) {
            return left.matches(frame) && right.matches(frame);
        }
    }

    private record Not(Node operand) implements Node {
        public boolean matches(Facts frame) {
            return !operand.matches(frame);
        }
    }

    private record EtherTypeIs(int value) implements Node {
        public boolean matches(Facts frame) {
            return frame.etherType == value;
        }
    }

    private record Protocol6(int value) implements Node {
        public boolean matches(Facts frame) {
            return frame.etherType == ETHERTYPE_IPV6 && frame.protocol == value;
        }
    }

    private record Protocol(int value) implements Node {
        public boolean matches(Facts frame) {
            return frame.etherType == ETHERTYPE_IPV4 && frame.protocol == value;
        }
    }

    private record Host6(End end, long high, long low) implements Node {
        public boolean matches(Facts frame) {
            if (!frame.hasAddresses6) {
                return false;
            }
            boolean source = frame.source6High == high && frame.source6Low == low;
            boolean destination = frame.destination6High == high && frame.destination6Low == low;
            return switch (end) {
                case SRC -> source;
                case DST -> destination;
                case EITHER -> source || destination;
            };
        }
    }

    private record Host(End end, int address) implements Node {
        public boolean matches(Facts frame) {
            return frame.hasAddresses && end.matches(address, frame.source, frame.destination);
        }
    }

    private record Port(End end, int port) implements Node {
        public boolean matches(Facts frame) {
            return frame.hasPorts && end.matches(port, frame.sourcePort, frame.destinationPort);
        }
    }

    /** Recursive descent over the words of the expression. */
    private static final class Parser {
        private final List<String> words = new ArrayList<>();
        private int next;

        Parser(String text) throws FilterSyntaxException {
            StringBuilder word = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '(' || c == ')' || c == '!') {
                    flush(word);
                    words.add(String.valueOf(c));
                } else if ((c == '&' || c == '|') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                    flush(word);
                    words.add(c == '&' ? "and" : "or");
                    i++;
                } else if (Character.isWhitespace(c)) {
                    flush(word);
                } else {
                    word.append(c);
                }
            }
            flush(word);
            if (words.isEmpty()) {
                throw new FilterSyntaxException("an empty filter (leave it out to trace every frame)");
            }
        }

        private void flush(StringBuilder word) {
            if (word.length() > 0) {
                words.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
            }
        }

        Node or() throws FilterSyntaxException {
            Node node = and();
            while (accept("or")) {
                node = new Or(node, and());
            }
            return node;
        }

        Node and() throws FilterSyntaxException {
            Node node = unary();
            while (accept("and")) {
                node = new And(node, unary());
            }
            return node;
        }

        Node unary() throws FilterSyntaxException {
            if (accept("not") || accept("!")) {
                return new Not(unary());
            }
            if (accept("(")) {
                Node inside = or();
                if (!accept(")")) {
                    throw new FilterSyntaxException("expected ')' " + where());
                }
                return inside;
            }
            return primitive();
        }

        private Node primitive() throws FilterSyntaxException {
            String word = take("arp, ip, icmp, udp, tcp, ip6, icmp6, host IP or port N");
            switch (word) {
                case "ip6":
                    return new EtherTypeIs(ETHERTYPE_IPV6);
                case "icmp6":
                    return new Protocol6(PROTOCOL_ICMPV6);
                case "arp":
                    return new EtherTypeIs(ETHERTYPE_ARP);
                case "ip":
                    return new EtherTypeIs(ETHERTYPE_IPV4);
                case "icmp":
                    return new Protocol(PROTOCOL_ICMP);
                case "udp":
                    return new Protocol(PROTOCOL_UDP);
                case "tcp":
                    return new Protocol(PROTOCOL_TCP);
                case "src":
                    return qualified(End.SRC);
                case "dst":
                    return qualified(End.DST);
                case "host":
                    return host(End.EITHER);
                case "port":
                    return port(End.EITHER);
                default:
                    throw new FilterSyntaxException("unknown word '" + word + "': expected arp, ip, icmp, udp, "
                            + "tcp, ip6, icmp6, host IP, port N, and, or, not");
            }
        }

        private Node qualified(End end) throws FilterSyntaxException {
            String word = take("host or port");
            if (word.equals("host")) {
                return host(end);
            }
            if (word.equals("port")) {
                return port(end);
            }
            if (looksLikeAddress(word)) {
                return address(end, word);
            }
            throw new FilterSyntaxException("expected host, port or an address after " + end.name().toLowerCase(Locale.ROOT)
                    + ", found '" + word + "'");
        }

        /** Digits and dots, or a colon: meant as an address (a wrong one is said to be wrong, not taken for a word). */
        private static boolean looksLikeAddress(String word) {
            return word.indexOf(':') >= 0 || !word.isEmpty() && word.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
        }

        private Node host(End end) throws FilterSyntaxException {
            return address(end, take("an IPv4 or IPv6 address after 'host'"));
        }

        private Node address(End end, String word) throws FilterSyntaxException {
            try {
                if (word.indexOf(':') >= 0) {
                    Ipv6Address address = Ipv6Address.parse(word);
                    return new Host6(end, address.high(), address.low());
                }
                return new Host(end, Ipv4Address.parse(word).bits());
            } catch (IllegalArgumentException e) {
                throw new FilterSyntaxException("'" + word + "' is not an IPv4 or IPv6 address (as in host 192.168.69.100 "
                        + "or host fd00::100)");
            }
        }

        private Node port(End end) throws FilterSyntaxException {
            String word = take("a port number after 'port'");
            int port;
            try {
                port = Integer.parseInt(word);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new FilterSyntaxException("'" + word + "' is not a port number (0 to 65535)");
            }
            return new Port(end, port);
        }

        private boolean accept(String word) {
            if (next < words.size() && words.get(next).equals(word)) {
                next++;
                return true;
            }
            return false;
        }

        private String take(String expected) throws FilterSyntaxException {
            if (next >= words.size()) {
                throw new FilterSyntaxException("expected " + expected + " at the end of the filter");
            }
            return words.get(next++);
        }

        void expectEnd() throws FilterSyntaxException {
            if (next < words.size()) {
                throw new FilterSyntaxException("unexpected '" + words.get(next) + "' " + where()
                        + " (join primitives with and, or)");
            }
        }

        private String where() {
            return next < words.size() ? "at word " + (next + 1) : "at the end of the filter";
        }
    }
}
