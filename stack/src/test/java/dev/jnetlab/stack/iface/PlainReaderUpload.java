package dev.jnetlab.stack.iface;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.stack.phy.PlainTap;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.time.Duration;

/**
 * What the next program to open a tap plainly gets: a stack on a {@link PlainTap} (no virtio-net
 * header, clearing nothing) listens on port 5001 while socat in the namespace sends it
 * {@code bytes} octets over TCP; reports how many arrived and the longest frame the tap handed
 * over. On a tap left as found, every frame is at most 1514 octets and everything arrives; on
 * one left with TSO on, the kernel sends super-frames (and unfinished checksums) and the
 * upload stalls. Stops as soon as a frame longer than the MTU arrives.
 */
public final class PlainReaderUpload {
    /** The longest Ethernet frame of a 1500-octet MTU. */
    public static final int WIRE_FRAME = 1514;
    private static final int PORT = 5001;

    /**
     * @param received     octets the stack received
     * @param longestFrame the longest frame the tap handed over
     */
    public record Result(long received, int longestFrame) {
    }

    private PlainReaderUpload() {
    }

    public static Result run(NetworkNamespace ns, int bytes, Duration patience) {
        Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
                Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")));
        SocketSet sockets = iface.newSocketSet();
        SocketHandle<TcpListener> listener = sockets.add(new TcpListener(new Endpoint(0, PORT), 1, TcpKernelPeerTest::socket));
        byte[] buffer = new byte[64 * 1024];
        long[] received = {0};
        TcpSocket[] accepted = {null};
        try (PlainTap tap = ns.inside(() -> PlainTap.open(NetworkNamespace.TAP));
             PeerProcess client = ns.spawn("sh", "-c", "head -c " + bytes + " /dev/zero | exec socat -u - TCP:"
                     + NetworkNamespace.STACK_ADDRESS + ":" + PORT)) {
            RealTimeDriver driver = new RealTimeDriver(tap, tap, iface, sockets);
            driver.runUntil(() -> {
                if (tap.longestFrame() > WIRE_FRAME) {
                    return true;
                }
                if (accepted[0] == null) {
                    accepted[0] = sockets.accept(listener).map(sockets::get).orElse(null);
                    return false;
                }
                try {
                    int n;
                    while ((n = accepted[0].recv(buffer, 0, buffer.length)) > 0) {
                        received[0] += n;
                    }
                } catch (TcpException.Recv e) {
                    return true; // the peer finished (or the connection failed): nothing more comes
                }
                return received[0] >= bytes;
            }, patience);
            return new Result(received[0], tap.longestFrame());
        }
    }
}
