package dev.jnetlab.stack.rand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void producesThePublishedReferenceSequence() {
        // The reference sequence of splitmix64.c for seed 1234567, as unsigned 64-bit numbers.
        SplitMix64 random = new SplitMix64(1234567);
        assertEquals("6457827717110365317", Long.toUnsignedString(random.nextLong()));
        assertEquals("3203168211198807973", Long.toUnsignedString(random.nextLong()));
        assertEquals("9817491932198370423", Long.toUnsignedString(random.nextLong()));
        assertEquals("4593380528125082431", Long.toUnsignedString(random.nextLong()));
        assertEquals("16408922859458223821", Long.toUnsignedString(random.nextLong()));
    }

    @Test
    void eachNumberIsTheMixOfTheStateAfterOneStep() {
        long gamma = 0x9E3779B97F4A7C15L;
        SplitMix64 random = new SplitMix64(1234567);
        assertEquals(SplitMix64.mix(1234567 + gamma), random.nextLong());
        assertEquals(SplitMix64.mix(1234567 + 2 * gamma), random.nextLong());
        assertEquals("6457827717110365317", Long.toUnsignedString(SplitMix64.mix(1234567 + gamma)));
    }

    @Test
    void aZeroChanceDrawsNothing() {
        SplitMix64 random = new SplitMix64(99);
        SplitMix64 untouched = new SplitMix64(99);
        for (int i = 0; i < 100; i++) {
            assertFalse(random.chance(0));
        }
        assertEquals(untouched.nextLong(), random.nextLong());
    }

    @Test
    void aHundredPercentIsCertain() {
        SplitMix64 random = new SplitMix64(5);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(random.chance(100));
        }
    }

    @Test
    void unitAndBoundedDrawsStayInRange() {
        SplitMix64 random = new SplitMix64(11);
        boolean[] seen = new boolean[7];
        for (int i = 0; i < 10_000; i++) {
            double unit = random.nextUnit();
            assertTrue(unit >= 0 && unit < 1, () -> "unit draw " + unit);
            seen[random.nextInt(7)] = true;
        }
        for (int value = 0; value < 7; value++) {
            assertTrue(seen[value], "never drew " + value);
        }
    }
}
