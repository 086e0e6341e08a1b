package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    @Test
    void printsSixLowerCaseOctetsSeparatedByColons() {
        assertEquals("02:00:00:00:00:01", MacAddress.of(0x0200_0000_0001L).toString());
        assertEquals("ff:ff:ff:ff:ff:ff", MacAddress.BROADCAST.toString());
        assertEquals("0a:1b:2c:3d:4e:5f", MacAddress.of(0x0A1B_2C3D_4E5FL).toString());
    }

    @Test
    void parsesWhatItPrintsInEitherCase() {
        assertEquals(MacAddress.of(0x0200_0000_0001L), MacAddress.parse("02:00:00:00:00:01"));
        assertEquals(MacAddress.of(0x0A1B_2C3D_4E5FL), MacAddress.parse("0A:1b:2C:3d:4E:5f"));
        assertEquals(MacAddress.of(0x0200_0000_0001L), MacAddress.parse("2:0:0:0:0:1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:00:00:00:00", "02:00:00:00:00:01:02", "02:00:00:00:00:0g", "002:00:00:00:00:01",
        "02-00-00-00-00-01", "02:00:00::00:01", "02:00:00:00:00:01 "})
    void rejectsWhatIsNotSixHexOctetsAndSaysWhatWouldBeRight(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(text));
        assertTrue(e.getMessage().contains("02:00:00:00:00:01"), e.getMessage());
    }

    @Test
    void holdsNoMoreThan48Bits() {
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(-1));
    }

    @Test
    void knowsGroupAddressesByTheLowBitOfTheFirstOctet() {
        assertTrue(MacAddress.BROADCAST.isBroadcast());
        assertTrue(MacAddress.BROADCAST.isMulticast());
        assertTrue(MacAddress.parse("01:00:5e:00:00:01").isMulticast());
        assertTrue(MacAddress.parse("02:00:00:00:00:01").isUnicast());
        assertFalse(MacAddress.parse("02:00:00:00:00:01").isBroadcast());
    }

    @Test
    void appendsPrimitiveBitsWithoutARecord() {
        StringBuilder out = new StringBuilder("mac ");
        MacAddress.appendTo(out, 0x0200_0000_0002L);
        assertEquals("mac 02:00:00:00:00:02", out.toString());
    }
}
