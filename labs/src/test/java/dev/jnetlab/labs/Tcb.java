package dev.jnetlab.labs;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.tcp.CloseReason;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.HyStartState;
import dev.jnetlab.stack.socket.tcp.LossRecoveryState;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpState;
import java.util.List;

/** Builds {@link TcpControlBlock} snapshots for tests: the fields a lab reads, the rest plausible. */
public final class Tcb {
    private TcpState state;
    private final Endpoint local;
    private final Endpoint remote;
    private long octetsReceived;
    private long octetsSent;
    private long retransmissions;
    private long fastRetransmits;
    private long timeouts;
    private int cwnd = 14_600;
    private int sendMss = 1460;
    private CongestionControl.Algorithm algorithm = CongestionControl.Algorithm.RENO;

    private Tcb(TcpState state, String local, String remote) {
        this.state = state;
        this.local = Endpoint.parse(local);
        this.remote = Endpoint.parse(remote);
    }

    /** A connection from 192.168.69.1:{@code localPort} to 192.168.69.100:{@code remotePort}. */
    public static Tcb of(TcpState state, int localPort, int remotePort) {
        return new Tcb(state, "192.168.69.1:" + localPort, "192.168.69.100:" + remotePort);
    }

    public Tcb state(TcpState value) {
        state = value;
        return this;
    }

    public Tcb received(long octets) {
        octetsReceived = octets;
        return this;
    }

    public Tcb sent(long octets) {
        octetsSent = octets;
        return this;
    }

    public Tcb retransmissions(long any, long fast, long timeouts) {
        this.retransmissions = any;
        this.fastRetransmits = fast;
        this.timeouts = timeouts;
        return this;
    }

    public Tcb cwnd(int octets, int mss, CongestionControl.Algorithm algorithm) {
        this.cwnd = octets;
        this.sendMss = mss;
        this.algorithm = algorithm;
        return this;
    }

    public TcpControlBlock build() {
        return new TcpControlBlock(state, CloseReason.NONE, IpEndpoint.of(local), IpEndpoint.of(remote),
                1000, 5000, 1001, 1001, 1001, 64240, 5001, 1001, 5001, 64240,
                0, 0, false, sendMss, 1460, 1460,
                10_000, 5_000, 1_000_000,
                cwnd, Integer.MAX_VALUE, algorithm, false, 0,
                0, 0, octetsReceived, 0, 0,
                octetsSent, 0, 0, retransmissions, fastRetransmits, timeouts, 0, 0,
                false, false, 0, List.of(),
                true, true, 40_000, Long.MAX_VALUE, 75_000_000, 9, Long.MAX_VALUE, 60_000_000,
                0, 0, 0, 0, 1500, null, LossRecoveryState.NONE, HyStartState.OFF);
    }
}
