package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.time.Micros;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * A soak, not part of the suite (the build excludes the tag {@code soak}): many random configurations (loss, duplication, reordering, SACK,
 * timestamps, each congestion algorithm, buffer sizes from 64 octets to 300 kB, Nagle, delayed ACKs, a 576-octet
 * MTU, sequence numbers wrapping around 2^32) through {@link TcpLink}.
 *
 * <pre>mvn -pl stack test -Dtest=TcpStressTest -DexcludedGroups=none -Dfrom=1 -Dto=2000 [-Dtrace=SEED]</pre>
 *
 * Failures are listed in {@code target/tcp-stress.txt}; {@code -Dtrace=SEED} writes the last
 * segments of that seed's transfer and both control blocks to {@code target/tcp-trace.txt}.
 */
@Tag("soak")
class TcpStressTest {

    @Test
    void randomConfigurationsTransferExactly() throws Exception {
        int from = Integer.getInteger("from", 1);
        int to = Integer.getInteger("to", 500);
        int traced = Integer.getInteger("trace", -1);
        StringBuilder failures = new StringBuilder();
        int failed = 0;
        long segments = 0;
        for (int seed = from; seed <= to; seed++) {
            Random r = new Random(seed * 7919L);
            double drop = r.nextInt(4) * 0.06;
            double duplicate = r.nextInt(3) * 0.05;
            double reorder = r.nextInt(3) * 0.1;
            boolean sack = r.nextBoolean();
            boolean ts = r.nextBoolean();
            CongestionControl.Algorithm algorithm = CongestionControl.Algorithm.values()[r.nextInt(3)];
            int[] buffers = {64, 512, 4096, 16384, 65536, 300_000};
            int bufferA = buffers[r.nextInt(buffers.length)];
            int bufferB = buffers[r.nextInt(buffers.length)];
            boolean nagle = r.nextBoolean();
            boolean delayed = r.nextBoolean();
            int n = 1 + r.nextInt(200_000);
            int m = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(200_000);
            String description = "seed " + seed + ": drop " + drop + " dup " + duplicate + " reorder " + reorder
                    + " sack " + sack + " ts " + ts + " " + algorithm + " buffers " + bufferA + "/" + bufferB
                    + " nagle " + nagle + " delayed " + delayed + " octets " + n + "/" + m;
            TcpSocket a = TcpRandomizedTransferTest.socket(bufferA, sack, ts, algorithm).setNagle(nagle).setDelayedAck(delayed);
            TcpSocket b = TcpRandomizedTransferTest.socket(bufferB, sack, ts, algorithm).setNagle(nagle).setDelayedAck(delayed);
            if (r.nextBoolean()) {
                a.setMtu(576);
            }
            TcpLink link = new TcpLink(a, b, seed);
            link.drop = drop;
            link.duplicate = duplicate;
            link.reorder = reorder;
            int issA = r.nextBoolean() ? r.nextInt() : -(n / 2);
            int issB = r.nextBoolean() ? r.nextInt() : -(m / 2) - 5;
            a.setIsnSource((t, la, lp, ra, rp) -> issA);
            b.setIsnSource((t, la, lp, ra, rp) -> issB);
            if (seed == traced) {
                link.trace = new java.util.ArrayDeque<>();
                link.traceLimit = Integer.getInteger("limit", 200);
            }
            try {
                byte[] x = TcpRandomizedTransferTest.data(n, seed);
                byte[] y = TcpRandomizedTransferTest.data(m, -seed);
                TcpLink.Result result = link.transfer(x, y, Micros.ofSeconds(20_000));
                segments += result.segments();
                if (!Arrays.equals(x, result.receivedByB()) || !Arrays.equals(y, result.receivedByA())) {
                    throw new AssertionError("data differs");
                }
                TcpRandomizedTransferTest.assertClosedCleanly(a);
                TcpRandomizedTransferTest.assertClosedCleanly(b);
                if (!link.resets.isEmpty()) {
                    throw new AssertionError("resets " + link.resets);
                }
            } catch (AssertionError | RuntimeException e) {
                failed++;
                String message = String.valueOf(e.getMessage());
                failures.append(description).append("\n    ").append(e.getClass().getSimpleName()).append(": ")
                        .append(message, 0, Math.min(message.length(), 400)).append('\n');
            } finally {
                if (link.trace != null) {
                    try (java.io.PrintWriter w = new java.io.PrintWriter("target/tcp-trace.txt")) {
                        link.trace.forEach(w::println);
                        w.println(a.controlBlock(link.now));
                        w.println(b.controlBlock(link.now));
                    }
                }
            }
        }
        try (java.io.PrintWriter w = new java.io.PrintWriter("target/tcp-stress.txt")) {
            w.print(failed + " of " + (to - from + 1) + " failed, " + segments + " segments\n" + failures);
        }
        assertEquals(0, failed, failures::toString);
    }
}
