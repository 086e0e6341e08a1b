package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.phy.ChecksumCapabilities;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.TcpFlags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ARCHITECTURE.md §6: nothing a peer sends may crash the stack. Valid frames of every kind the interface
 * handles, damaged at random (octets changed, cut short, lengthened), are fed to it by the
 * thousand: it never throws, counts every frame, and whatever it sends in answer is well formed
 * (checked through the wire layer's reprs, checksums included).
 */
class MalformedInputTest {
    private static final int FRAMES = 30_000;

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Frames.arpRequest(Frames.PEER_MAC, PEER_IP, STACK_IP));
        seeds.add(Frames.arpReply(Frames.PEER_MAC, PEER_IP));
        seeds.add(Frames.fromPeer(IpProtocol.ICMP, Frames.echoRequest(1, 2, Frames.pattern(40, 0))));
        seeds.add(Frames.fromPeer(IpProtocol.ICMP, Frames.echoReply(1, 2, Frames.pattern(40, 0))));
        seeds.add(Frames.fromPeer(IpProtocol.UDP, Frames.udp(PEER_IP, 4000, STACK_IP, 6969, Frames.pattern(30, 1))));
        seeds.add(Frames.fromPeer(IpProtocol.UDP, Frames.udp(PEER_IP, 4000, STACK_IP, 9, Frames.pattern(30, 1))));
        seeds.add(Frames.fromPeer(IpProtocol.TCP, Frames.tcp(PEER_IP, STACK_IP, 1, 80, 5, 0, TcpFlags.SYN, new byte[0])));
        seeds.addAll(Frames.fragments(IpProtocol.UDP, 9, Frames.udp(PEER_IP, 4000, STACK_IP, 6969, Frames.pattern(100, 2)), 48));
        return seeds;
    }

    private static byte[] damage(byte[] frame, SplittableRandom random) {
        byte[] out;
        switch (random.nextInt(4)) {
            case 0:
                out = Arrays.copyOf(frame, random.nextInt(frame.length + 1));
                break;
            case 1:
                out = Arrays.copyOf(frame, frame.length + random.nextInt(1, 64));
                break;
            default:
                out = frame.clone();
        }
        int flips = random.nextInt(1, 4);
        for (int i = 0; i < flips && out.length > 0; i++) {
            // Mostly in the headers, where the decisions are.
            int at = random.nextInt(Math.min(out.length, random.nextBoolean() ? 60 : out.length));
            out[at] = (byte) random.nextInt(256);
        }
        return out;
    }

    @ParameterizedTest(name = "checksums verified: {0}")
    @ValueSource(booleans = {true, false})
    void damagedFramesAreCountedAndNeverThrow(boolean verifyChecksums) {
        Harness h = new Harness();
        if (!verifyChecksums) {
            h.device.setChecksums(new ChecksumCapabilities(ChecksumCapabilities.Checksum.TX, ChecksumCapabilities.Checksum.TX,
                    ChecksumCapabilities.Checksum.TX, ChecksumCapabilities.Checksum.TX));
        }
        h.udp(6969);
        h.icmp(1);
        h.knowPeer();
        List<byte[]> seeds = seeds();
        SplittableRandom random = new SplittableRandom(verifyChecksums ? 1 : 2);
        long before = h.counter(InterfaceCounter.FRAMES_IN);
        for (int i = 0; i < FRAMES; i++) {
            h.device.inject(damage(seeds.get(random.nextInt(seeds.size())), random));
            if (i % 16 == 0) {
                h.clock.advance(Micros.ofMillis(random.nextInt(200)));
                h.poll();
                for (Frame frame : h.sent()) {
                    if (frame.isArp()) {
                        frame.arp();
                    } else {
                        frame.ip();
                    }
                }
                drainSockets(h);
            }
        }
        h.poll();

        assertEquals(FRAMES, h.counter(InterfaceCounter.FRAMES_IN) - before);
    }

    private static void drainSockets(Harness h) {
        try {
            while (h.sockets.udpAt(0).canRecv()) {
                h.sockets.udpAt(0).recvFrom();
            }
            while (h.sockets.icmpAt(0).canRecv()) {
                h.sockets.icmpAt(0).recv();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
