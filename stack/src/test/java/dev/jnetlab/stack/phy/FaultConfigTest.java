package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.FaultConfig.Option;
import dev.jnetlab.stack.time.Micros;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FaultConfigTest {

    @Nested
    class None {
        @Test
        void isOffAndSaysSo() {
            assertTrue(FaultConfig.NONE.isOff());
            assertEquals("off", FaultConfig.NONE.describe());
            assertEquals(Micros.ofSeconds(1), FaultConfig.NONE.shapingIntervalMicros());
        }

        @Test
        void aShapingIntervalAloneChangesNothing() {
            assertTrue(FaultConfig.NONE.withShapingInterval(Micros.ofMillis(10)).isOff());
        }

        @Test
        void anyOptionTurnsItOn() {
            assertFalse(FaultConfig.NONE.withDropPercent(0.5).isOff());
            assertFalse(FaultConfig.NONE.withSizeLimit(600).isOff());
            assertFalse(FaultConfig.NONE.withRxRateLimit(1).isOff());
            assertFalse(FaultConfig.NONE.withDelay(0, 1).isOff());
            assertFalse(FaultConfig.NONE.withDuplicatePercent(1).isOff());
        }
    }

    @Test
    void withersChangeOneOptionEach() {
        FaultConfig config = FaultConfig.NONE
                .withDropPercent(10)
                .withCorruptPercent(2.5)
                .withSizeLimit(600)
                .withTxRateLimit(10)
                .withRxRateLimit(20)
                .withShapingInterval(Micros.ofMillis(100))
                .withDelay(Micros.ofMillis(20), Micros.ofMillis(5))
                .withReorderPercent(25)
                .withDuplicatePercent(1);
        assertEquals(new FaultConfig(10, 2.5, 600, 10, 20, 100_000, 20_000, 5_000, 25, 1), config);
    }

    @Test
    void describesTheOptionsThatAreSetInTheConsolesWords() {
        FaultConfig config = FaultConfig.NONE
                .withDropPercent(10)
                .withCorruptPercent(0.5)
                .withSizeLimit(600)
                .withTxRateLimit(10)
                .withDelay(Micros.ofMillis(20), Micros.ofMillis(5))
                .withReorderPercent(25);
        assertEquals("drop 10%, corrupt 0.5%, size-limit 600, tx-rate 10 per 1s, delay 20ms jitter 5ms, reorder 25%",
                config.describe());
        assertEquals("rx-rate 3 per 250ms, duplicate 1%",
                FaultConfig.NONE.withRxRateLimit(3).withShapingInterval(Micros.ofMillis(250)).withDuplicatePercent(1)
                        .describe());
    }

    static Stream<Arguments> outOfRange() {
        FaultConfig none = FaultConfig.NONE;
        return Stream.of(
                refused(Option.DROP, () -> none.withDropPercent(-1),
                        "the drop chance must be a percentage from 0 to 100, not -1"),
                refused(Option.DROP, () -> none.withDropPercent(100.5),
                        "the drop chance must be a percentage from 0 to 100, not 100.5"),
                refused(Option.DROP, () -> none.withDropPercent(Double.NaN),
                        "the drop chance must be a percentage from 0 to 100, not NaN"),
                refused(Option.CORRUPT, () -> none.withCorruptPercent(101),
                        "the corrupt chance must be a percentage from 0 to 100, not 101"),
                refused(Option.SIZE_LIMIT, () -> none.withSizeLimit(-1),
                        "the size limit must be 0 (none) or a positive number of octets, not -1"),
                refused(Option.TX_RATE_LIMIT, () -> none.withTxRateLimit(-5),
                        "the tx rate limit must be 0 (none) or a positive number of frames, not -5"),
                refused(Option.RX_RATE_LIMIT, () -> none.withRxRateLimit(-1),
                        "the rx rate limit must be 0 (none) or a positive number of frames, not -1"),
                refused(Option.SHAPING_INTERVAL, () -> none.withShapingInterval(0),
                        "the shaping interval must be positive, not 0us"),
                refused(Option.DELAY, () -> none.withDelay(-1_000, 0),
                        "the delay must be from 0 to 3600s, not -1ms"),
                refused(Option.DELAY, () -> none.withDelay(Micros.ofSeconds(3601), 0),
                        "the delay must be from 0 to 3600s, not 3601s"),
                refused(Option.JITTER, () -> none.withDelay(0, -1),
                        "the jitter must be from 0 to 3600s, not -1us"),
                refused(Option.REORDER, () -> none.withDelay(Micros.ofMillis(10), 0).withReorderPercent(-3),
                        "the reorder chance must be a percentage from 0 to 100, not -3"),
                refused(Option.DUPLICATE, () -> none.withDuplicatePercent(200),
                        "the duplicate chance must be a percentage from 0 to 100, not 200"));
    }

    private static Arguments refused(Option option, Supplier<FaultConfig> make, String message) {
        return Arguments.of(option, make, message);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("outOfRange")
    void refusesAValueOutOfRangeNamingTheOption(Option option, Supplier<FaultConfig> make, String message) {
        FaultConfigException e = assertThrows(FaultConfigException.class, make::get);
        assertEquals(option, e.option());
        assertEquals(message, e.getMessage());
    }

    @Nested
    class Reordering {
        @Test
        void needsADelayAsInNetem() {
            FaultConfigException e = assertThrows(FaultConfigException.class,
                    () -> FaultConfig.NONE.withReorderPercent(25));
            assertEquals(Option.REORDER, e.option());
            assertEquals("reordering needs a delay: a reordered frame is one sent ahead of the delayed ones; "
                    + "set a delay first", e.getMessage());
        }

        @Test
        void cannotLoseItsDelayWhileOn() {
            FaultConfig reordering = FaultConfig.NONE.withDelay(Micros.ofMillis(10), 0).withReorderPercent(25);
            assertThrows(FaultConfigException.class, () -> reordering.withDelay(0, 0));
            assertEquals(FaultConfig.NONE.withDelay(0, 0), reordering.withReorderPercent(0).withDelay(0, 0));
        }
    }

    @Test
    void acceptsTheBoundaries() {
        FaultConfig config = FaultConfig.NONE.withDropPercent(100).withCorruptPercent(0)
                .withDelay(FaultConfig.MAX_DELAY, FaultConfig.MAX_DELAY).withReorderPercent(100).withDuplicatePercent(100);
        assertEquals(100, config.dropPercent());
        assertEquals(100, config.reorderPercent());
    }
}
