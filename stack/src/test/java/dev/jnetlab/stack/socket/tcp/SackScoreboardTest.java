package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.wire.TcpRepr;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sender's SACK scoreboard (RFC 2018, RFC 6675 §3 and §4 as simplified). */
class SackScoreboardTest {
    static final int UNA = 1000;
    static final int MAX = 2000;

    private final SackScoreboard board = new SackScoreboard();

    private int sack(int... edges) {
        Seg ack = seg().seq(1).ack(UNA);
        for (int i = 0; i < edges.length; i += 2) {
            ack = ack.sack(edges[i], edges[i + 1]);
        }
        return board.update(ack.fill(new TcpRepr(), 1, 2), UNA, MAX);
    }

    @Nested
    class Blocks {
        @Test
        void overlappingAndAdjacentBlocksMerge() {
            assertEquals(100, sack(1100, 1200));
            assertEquals(100, sack(1200, 1300));
            assertEquals(50, sack(1050, 1150));
            assertEquals(1, board.rangeCount());
            assertEquals(250, board.sackedOctets());
        }

        @Test
        void blocksOutsideSndUnaToSndMaxAreIgnored() {
            assertEquals(0, sack(900, 1000));
            assertEquals(0, sack(1900, 2100));
            assertEquals(0, sack(1500, 1500));
            assertEquals(0, board.rangeCount());
        }

        @Test
        void aFullBoardForgetsTheHighestRange() {
            for (int i = 0; i < SackScoreboard.RANGES; i++) {
                sack(1100 + 100 * i, 1150 + 100 * i);
            }
            assertEquals(0, sack(1950, 1960));
            sack(1010, 1020);
            assertEquals(SackScoreboard.RANGES, board.rangeCount());
            assertEquals(1750, board.highestSacked(UNA));
        }

        @Test
        void anAdvancingSndUnaDropsWhatItCovers() {
            sack(1100, 1200, 1300, 1400);
            board.dropBelow(1350);
            assertEquals(1, board.rangeCount());
            assertEquals(50, board.sackedOctets());
        }
    }

    @Nested
    class Recovery {
        @Test
        void thePipeCountsWhatIsAboveTheHighestSackAndWhatWasRetransmitted() {
            sack(1100, 1200, 1300, 1400);
            assertEquals(MAX - 1400, board.pipe(UNA, MAX, UNA));
            assertEquals(MAX - 1400 + 100 + 50, board.pipe(UNA, MAX, 1250));
        }

        @Test
        void holesAreRepairedInOrderBelowTheHighestSack() {
            sack(1100, 1200, 1300, 1400);
            assertEquals(UNA, board.nextHole(UNA, MAX, UNA));
            assertEquals(1100, board.holeEnd(UNA, MAX));
            assertEquals(1200, board.nextHole(UNA, MAX, 1100));
            assertEquals(MAX, board.nextHole(UNA, MAX, 1300));
        }
    }
}
