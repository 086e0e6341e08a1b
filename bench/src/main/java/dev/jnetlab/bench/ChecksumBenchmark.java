package dev.jnetlab.bench;

import dev.jnetlab.stack.wire.Checksum;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Internet checksum of 1460 octets, a full segment's payload at MTU 1500: the one-pass,
 * eight-octets-at-a-time sum the stack uses, and the textbook word-at-a-time loop of RFC 1071
 * section 4.1 for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChecksumBenchmark {
    private final byte[] octets = new byte[1460];

    @Setup
    public void fill() {
        new Random(1071).nextBytes(octets);
    }

    @Benchmark
    public int sum1460() {
        return Checksum.sum(octets, 0, octets.length);
    }

    @Benchmark
    public int wordAtATime1460() {
        long sum = 0;
        for (int i = 0; i < octets.length; i += 2) {
            sum += (octets[i] & 0xFF) << 8 | octets[i + 1] & 0xFF;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}
