package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NoCongestionControlTest {

    @Nested
    class TheWindowNeverLimits {

        final NoCongestionControl none = new NoCongestionControl();

        @Test
        void fromTheStart() {
            none.start(0, 1460);
            assertEquals(Algorithm.NONE, none.algorithm());
            assertEquals(Integer.MAX_VALUE, none.window());
            assertEquals(Integer.MAX_VALUE, none.slowStartThreshold());
        }

        @Test
        void whateverHappensToTheConnection() {
            none.start(0, 536);
            none.onAck(1, 536, 536);
            none.onRttSample(1, 10_000);
            none.onFastRetransmit(2, 1_000_000);
            assertEquals(Integer.MAX_VALUE, none.window());
            none.onRecoveryEnd(3);
            none.onRetransmitTimeout(4, 1_000_000);
            assertEquals(Integer.MAX_VALUE, none.window());
            none.onRetransmitTimeout(5, 1_000_000);
            none.onIdleRestart(60_000_000);
            assertEquals(Integer.MAX_VALUE, none.window());
            assertEquals(Integer.MAX_VALUE, none.slowStartThreshold());
        }

        @Test
        void theSocketsRecoveryArithmeticInLongsDoesNotOverflow() {
            long usable = Math.max(0, (long) none.window() + 5 * 1460);
            assertTrue(usable > Integer.MAX_VALUE);
        }
    }

    @Nested
    class TheFactory {

        @ParameterizedTest
        @EnumSource(Algorithm.class)
        void createsAFreshControllerOfTheAskedAlgorithm(Algorithm algorithm) {
            CongestionControl first = CongestionControls.create(algorithm);
            CongestionControl second = CongestionControls.create(algorithm);
            assertEquals(algorithm, first.algorithm());
            assertNotSame(first, second);
        }

        @Test
        void eachAlgorithmIsItsClass() {
            assertInstanceOf(NoCongestionControl.class, CongestionControls.create(Algorithm.NONE));
            assertInstanceOf(RenoCongestionControl.class, CongestionControls.create(Algorithm.RENO));
            assertInstanceOf(CubicCongestionControl.class, CongestionControls.create(Algorithm.CUBIC));
        }

        @Test
        void findsAnAlgorithmByTheNameTcpShowPrints() {
            assertEquals(Optional.of(Algorithm.CUBIC), CongestionControls.algorithmNamed("cubic"));
            assertEquals(Optional.of(Algorithm.RENO), CongestionControls.algorithmNamed(" Reno "));
            assertEquals(Optional.of(Algorithm.NONE), CongestionControls.algorithmNamed("NONE"));
            assertEquals(Optional.empty(), CongestionControls.algorithmNamed("bbr"));
        }

        @Test
        void aFreshRenoOrCubicHasAUsableWindowEvenBeforeStart() {
            assertEquals(2144, CongestionControls.create(Algorithm.RENO).window());
            assertEquals(2144, CongestionControls.create(Algorithm.CUBIC).window());
        }
    }
}
