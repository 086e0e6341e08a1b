package dev.jnetlab.stack.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Valid representations with every field drawn at random from its whole range, for round trips and fuzzing. */
final class RandomReprs {
    private final Random random;

    RandomReprs(Random random) {
        this.random = random;
    }

    MacAddress mac() {
        return MacAddress.of(random.nextLong() & 0xFFFF_FFFF_FFFFL);
    }

    Ipv4Address ipv4Address() {
        return Ipv4Address.of(random.nextInt());
    }

    Octets octets(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return Octets.of(bytes);
    }

    int u16() {
        return random.nextInt(0x10000);
    }

    EthernetRepr ethernet() {
        int type;
        do {
            type = 0x0600 + random.nextInt(0x10000 - 0x0600);
        } while (type == EtherType.VLAN.value());
        return new EthernetRepr(mac(), mac(), EtherType.of(type));
    }

    ArpRepr arp() {
        return new ArpRepr(random.nextBoolean() ? ArpOperation.REQUEST : ArpOperation.REPLY, mac(), ipv4Address(), mac(),
                ipv4Address());
    }

    Ipv4Repr ipv4(IpProtocol protocol, int payloadLength) {
        byte[] options = new byte[4 * random.nextInt(11)];
        random.nextBytes(options);
        int fragmentOffset = 8 * random.nextInt((Ipv4Packet.MAX_LEN - payloadLength) / 8 + 1);
        return new Ipv4Repr(ipv4Address(), ipv4Address(), protocol, payloadLength, random.nextInt(256), random.nextInt(64),
                random.nextInt(4), u16(), random.nextBoolean(), random.nextBoolean(), fragmentOffset, Octets.of(options));
    }

    UdpRepr udp(int payloadLength) {
        return new UdpRepr(u16(), u16(), payloadLength);
    }

    /**
     * A segment's fixed header and addresses, without options or payload: any flags but SYN
     * with RST or FIN (which {@link TcpPacket#check()} refuses), SEG.ACK only with ACK and SEG.UP
     * only with URG, as parsing reads them.
     */
    TcpRepr tcpHeader() {
        int flags = random.nextInt(0x200);
        if ((flags & TcpFlags.SYN) != 0) {
            flags &= ~(TcpFlags.RST | TcpFlags.FIN);
        }
        TcpRepr repr = new TcpRepr().sourceAddress(random.nextInt()).destinationAddress(random.nextInt())
                .sourcePort(u16()).destinationPort(u16()).seq(random.nextInt()).flags(flags).window(u16());
        if ((flags & TcpFlags.ACK) != 0) {
            repr.ack(random.nextInt());
        }
        if ((flags & TcpFlags.URG) != 0) {
            repr.urgentPointer(u16());
        }
        return repr;
    }

    /** {@link #tcpHeader()} with a random choice of the options the representation speaks, within 40 octets. */
    TcpRepr tcp() {
        TcpRepr repr = tcpHeader();
        if (random.nextBoolean()) {
            repr.mss(u16());
        }
        if (random.nextBoolean()) {
            repr.windowScale(random.nextInt(256));
        }
        if (random.nextBoolean()) {
            repr.sackPermitted(true);
        }
        if (random.nextBoolean()) {
            repr.timestamps(random.nextInt(), random.nextInt());
        }
        for (int blocks = random.nextInt(TcpRepr.MAX_SACK_BLOCKS + 1); blocks > 0
                && repr.optionsLength() + (repr.sackBlockCount() == 0 ? 12 : 8) <= TcpRepr.MAX_OPTIONS_LENGTH; blocks--) {
            repr.addSackBlock(random.nextInt(), random.nextInt());
        }
        return repr;
    }

    /** Any options, unknown kinds and NOPs included, within 40 octets: what a peer may send. */
    List<TcpOption> tcpOptions() {
        List<TcpOption> options = new ArrayList<>();
        int room = 40;
        while (random.nextInt(4) != 0) {
            TcpOption option = tcpOption(room);
            if (option.length() > room) {
                break;
            }
            options.add(option);
            room -= option.length();
        }
        return options;
    }

    private TcpOption tcpOption(int room) {
        switch (random.nextInt(7)) {
            case 0:
                return TcpOption.NOP;
            case 1:
                return new TcpOption.MaxSegmentSize(u16());
            case 2:
                return new TcpOption.WindowScale(random.nextInt(256));
            case 3:
                return TcpOption.SACK_PERMITTED;
            case 4:
                List<SackRange> blocks = new ArrayList<>();
                for (int i = 1 + random.nextInt(Math.max(1, Math.min(4, (room - 2) / 8))); i > 0; i--) {
                    blocks.add(new SackRange(random.nextInt(), random.nextInt()));
                }
                return new TcpOption.Sack(blocks);
            case 5:
                return new TcpOption.Timestamps(random.nextInt(), random.nextInt());
            default:
                int kind;
                do {
                    kind = random.nextInt(256);
                } while (kind <= 5 || kind == 8);
                return new TcpOption.Unknown(kind, octets(Math.max(0, Math.min(38, room - 2))));
        }
    }

    Icmpv4Repr icmp() {
        Ipv4Repr quoted = ipv4(IpProtocol.of(random.nextInt(256)), random.nextInt(600));
        Octets data = octets(64);
        switch (random.nextInt(6)) {
            case 0:
                return new Icmpv4Repr.EchoRequest(u16(), u16(), data);
            case 1:
                return new Icmpv4Repr.EchoReply(u16(), u16(), data);
            case 2:
                Icmpv4DstUnreachable reason = Icmpv4DstUnreachable.values()[random.nextInt(16)];
                int mtu = reason == Icmpv4DstUnreachable.FRAGMENTATION_NEEDED ? u16() : 0;
                return new Icmpv4Repr.DstUnreachable(reason, mtu, quoted, data);
            case 3:
                return new Icmpv4Repr.TimeExceeded(Icmpv4TimeExceeded.values()[random.nextInt(2)], quoted, data);
            case 4:
                return new Icmpv4Repr.ParamProblem(Icmpv4ParamProblem.values()[random.nextInt(3)], random.nextInt(256), quoted, data);
            default:
                return new Icmpv4Repr.Redirect(Icmpv4Redirect.values()[random.nextInt(4)], ipv4Address(), quoted, data);
        }
    }
}
