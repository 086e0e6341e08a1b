package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.ChecksumCapabilities.Checksum;
import org.junit.jupiter.api.Test;

class DeviceCapabilitiesTest {

    @Test
    void anEthernetDeviceCarriesItsMtuPlusTheHeader() {
        DeviceCapabilities caps = DeviceCapabilities.ethernet(1500);
        assertEquals(1514, caps.maxFrameSize());
        assertEquals(1500, caps.mtu());
        assertEquals(0, caps.maxBurstSize());
        assertEquals(ChecksumCapabilities.SOFTWARE, caps.checksums());
    }

    @Test
    void refusesAFrameTooSmallForTheMinimumIpv4Datagram() {
        assertThrows(IllegalArgumentException.class, () -> DeviceCapabilities.ethernet(67));
        assertEquals(68, DeviceCapabilities.ethernet(68).mtu());
    }

    @Test
    void checksumDirections() {
        assertTrue(Checksum.BOTH.rx() && Checksum.BOTH.tx());
        assertTrue(Checksum.RX.rx() && !Checksum.RX.tx());
        assertTrue(!Checksum.TX.rx() && Checksum.TX.tx());
        assertFalse(Checksum.NONE.rx() || Checksum.NONE.tx());
    }

    @Test
    void withersChangeOneField() {
        DeviceCapabilities caps = DeviceCapabilities.ethernet(1500).withMaxBurstSize(8).withMaxFrameSize(9014);
        assertEquals(8, caps.maxBurstSize());
        assertEquals(9000, caps.mtu());
        assertEquals(ChecksumCapabilities.IGNORED,
                caps.withChecksums(ChecksumCapabilities.IGNORED).checksums());
    }
}
