package dev.jnetlab.console.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchingPrinterTest {
    private final BlockingQueue<String> printed = new LinkedBlockingQueue<>();

    @Test
    void aBurstOfLinesIsPrintedAsOneBatchInOrder() throws Exception {
        try (BatchingPrinter printer = new BatchingPrinter(printed::add, 200, 10_000)) {
            for (int i = 0; i < 1000; i++) {
                printer.println("frame " + i);
            }
            String batch = printed.poll(5, TimeUnit.SECONDS);
            List<String> lines = batch.lines().toList();
            assertEquals(1000, lines.size(), "one batch for the whole burst");
            assertEquals("frame 0", lines.get(0));
            assertEquals("frame 999", lines.get(999));
        }
    }

    @Test
    void everyLineArrivesExactlyOnceFromManyThreads() throws Exception {
        List<String> all = new ArrayList<>();
        try (BatchingPrinter printer = new BatchingPrinter(batch -> all.addAll(batch.lines().toList()), 5, 100_000)) {
            CountDownLatch done = new CountDownLatch(4);
            for (int t = 0; t < 4; t++) {
                int thread = t;
                new Thread(() -> {
                    for (int i = 0; i < 2_500; i++) {
                        printer.println(thread + ":" + i);
                    }
                    done.countDown();
                }).start();
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
        }
        assertEquals(10_000, all.size());
        assertEquals(10_000, all.stream().distinct().count());
    }

    @Test
    void linesBeyondTheCapacityAreCountedNotKept() throws Exception {
        // A minute-long interval: nothing is printed until close, so all ten lines meet a full queue.
        BatchingPrinter printer = new BatchingPrinter(printed::add, 60_000, 3);
        for (int i = 0; i < 10; i++) {
            printer.println("line " + i);
        }
        printer.close();
        assertEquals(List.of("line 0", "line 1", "line 2",
                "(7 more lines were dropped: output could not keep up)"),
                printed.poll(5, TimeUnit.SECONDS).lines().toList());
    }

    @Test
    void closingPrintsWhatIsWaiting() throws Exception {
        BatchingPrinter printer = new BatchingPrinter(printed::add, 60_000, 100);
        printer.println("last words");
        printer.close();
        assertEquals("last words", printed.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aResultIsPrintedAfterTheLinesBeforeItAndBeforeTheCallReturns() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (BatchingPrinter printer = new BatchingPrinter(seen::add, 60_000, 2)) {
            printer.println("reply 1");
            printer.println("reply 2");
            printer.println("dropped: the queue is full");
            printer.printResult("--- statistics ---");
            assertEquals(List.of("reply 1\nreply 2\n(1 more lines were dropped: output could not keep up)\n--- statistics ---"),
                    seen, "one batch, at once, though the interval is a minute; the result was not dropped");
        }
    }

    @Test
    void flushWithNothingWaitingReturnsAtOnce() throws Exception {
        try (BatchingPrinter printer = new BatchingPrinter(printed::add, 60_000, 10)) {
            printer.flush();
            assertTrue(printed.isEmpty());
        }
    }
}
