package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.wire.TcpRepr;
import dev.jnetlab.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md §4: after warm-up, moving segments between two sockets allocates nothing. Two sockets
 * (SACK, timestamps, window scaling, delayed ACKs: the defaults) are wired back to back with
 * preallocated descriptors and one frame array; both applications stream data both ways with
 * preallocated arrays. The thread's allocated bytes over a long steady-state transfer (measured
 * by {@link AllocationMeter}), divided by the segments moved, must stay below one octet per
 * segment; with losses too, so that recovery, SACK and reassembly are on the measured path.
 */
class TcpZeroAllocationTest {
    static final int A_ADDR = 0x0A000001;
    static final int B_ADDR = 0x0A000002;

    final TcpSocket a = new TcpSocket(256 * 1024, 256 * 1024).setIsnSource((t, la, lp, ra, rp) -> 0x7FFF0000);
    final TcpSocket b = new TcpSocket(256 * 1024, 256 * 1024).setIsnSource((t, la, lp, ra, rp) -> -77);
    final TcpRepr out = new TcpRepr();
    final TcpRepr in = new TcpRepr();
    final TcpRepr reply = new TcpRepr();
    final byte[] frame = new byte[65536];
    final byte[] source = new byte[100_000];
    final byte[] sink = new byte[100_000];
    long now;
    long segments;
    long receivedByA;
    long receivedByB;
    long checksumB;
    int sourceAtA;
    int sourceAtB;

    /** Drop every n-th segment (0: none), to run loss recovery, SACK and reassembly too. */
    int dropEvery;

    @Test
    void aSteadyTransferAllocatesLessThanOneOctetPerSegment() throws TcpException {
        measure();
        assertTrue(a.controlBlock(now).timestampsNegotiated() && a.controlBlock(now).sackNegotiated());
        assertTrue(a.controlBlock(now).windowScaleNegotiated());
    }

    @Test
    void lossRecoveryAndReassemblyUnderCubicAllocateNothingEither() throws TcpException {
        dropEvery = 101;
        a.setCongestionAlgorithm(CongestionControl.Algorithm.CUBIC);
        b.setCongestionAlgorithm(CongestionControl.Algorithm.CUBIC);
        measure();
        assertTrue(a.controlBlock(now).fastRetransmits() + b.controlBlock(now).fastRetransmits() > 10);
        // With SACK, RACK (RFC 8985) found the losses and PRR (RFC 6937) paced the repairs.
        assertTrue(a.controlBlock(now).lossRecovery().rackLosses() + b.controlBlock(now).lossRecovery().rackLosses() > 10);
        assertTrue(a.controlBlock(now).lossRecovery().prrOut() + b.controlBlock(now).lossRecovery().prrOut() > 0);
    }

    @Test
    void renoWithoutSackOrTimestampsAllocatesNothingEither() throws TcpException {
        dropEvery = 97;
        a.setCongestionAlgorithm(CongestionControl.Algorithm.RENO).setSackEnabled(false).setTimestampsEnabled(false);
        b.setCongestionAlgorithm(CongestionControl.Algorithm.RENO);
        measure();
        assertTrue(a.controlBlock(now).fastRetransmits() + b.controlBlock(now).fastRetransmits() > 10);
    }

    void measure() throws TcpException {
        for (int i = 0; i < source.length; i++) {
            source[i] = (byte) (i * 31 + 7);
        }
        b.listen(new Endpoint(B_ADDR, 6969));
        a.connect(0, new Endpoint(A_ADDR, 40000), new Endpoint(B_ADDR, 6969));
        run(20_000);
        assertEquals(TcpState.ESTABLISHED, a.state());
        assertEquals(TcpState.ESTABLISHED, b.state());
        assertEquals(a.controlBlock(now).sackNegotiated(), a.controlBlock(now).timestampsNegotiated());

        long segmentsBefore = segments;
        long octetsBefore = receivedByA + receivedByB;
        // Two measured runs of 15,000 rounds (the meter keeps the smaller); everything before was warm-up.
        long allocated = AllocationMeter.minimumBytesAllocatedBy(() -> run(15_000), 2);
        long moved = (segments - segmentsBefore) / 2;
        long octets = (receivedByA + receivedByB - octetsBefore) / 2;

        assertTrue(moved > 25_000, () -> "only " + moved + " segments");
        assertTrue(octets > 25_000_000L, () -> "only " + octets + " octets");
        assertTrue(allocated < moved, () -> allocated + " octets allocated for " + moved + " segments");
    }

    /** Runs {@code steps} rounds of: applications, both sockets' dispatch, clock tick. */
    void run(int steps) {
        try {
            steps(steps);
        } catch (TcpException e) {
            throw new AssertionError(e);
        }
    }

    void steps(int steps) throws TcpException {
        for (int step = 0; step < steps; step++) {
            if (a.maySend()) {
                sourceAtA = write(a, sourceAtA);
            }
            if (b.maySend()) {
                sourceAtB = write(b, sourceAtB);
            }
            receivedByA += read(a);
            receivedByB += read(b);
            pump(a, b, A_ADDR, B_ADDR);
            pump(b, a, B_ADDR, A_ADDR);
            now += 200;
        }
    }

    int write(TcpSocket socket, int at) throws TcpException {
        int n = socket.send(source, at, source.length - at);
        at += n;
        return at == source.length ? 0 : at;
    }

    long read(TcpSocket socket) throws TcpException {
        long total = 0;
        while (socket.canRecv()) {
            int n = socket.recv(sink, 0, sink.length);
            for (int i = 0; i < n; i += 512) {
                checksumB += sink[i];
            }
            total += n;
        }
        return total;
    }

    void pump(TcpSocket from, TcpSocket to, int fromAddr, int toAddr) {
        while (from.dispatch(now, out)) {
            from.copyPayload(out, frame, 0);
            from.sent(now, out);
            segments++;
            if (dropEvery > 0 && segments % dropEvery == 0) {
                continue;
            }
            in.copyFrom(out);
            in.payload(frame, 0, out.payloadLength());
            if (to.accepts(toAddr, fromAddr, in) && to.process(now, toAddr, fromAddr, in, reply)) {
                to.replied(now, reply);
                segments++;
                in.copyFrom(reply);
                if (from.accepts(fromAddr, toAddr, in)) {
                    from.process(now, fromAddr, toAddr, in, reply);
                }
            }
        }
    }
}
