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
        assertEquals(caps, caps.withChecksums(ChecksumCapabilities.IGNORED).withChecksums(caps.checksums()),
                "nothing else changed");
        assertEquals(caps, caps.withMaxBurstSize(3).withMaxBurstSize(8), "nothing else changed");
    }

    @Test
    void aDeviceWithoutOffloadsCutsNothingAndHandsOverNothingAboveItsFrameSize() {
        DeviceCapabilities caps = DeviceCapabilities.ethernet(1500);
        assertFalse(caps.tso());
        assertEquals(0, caps.tsoMaxSize());
        assertEquals(1514, caps.maxReceiveSize());
        assertEquals(1514, caps.maxTransmitSize());
        assertEquals("none", caps.offloadSummary());
    }

    @Test
    void aTapWithOffloadsSaysWhatItDoes() {
        DeviceCapabilities caps = DeviceCapabilities.ethernet(1500).withChecksums(ChecksumCapabilities.TAP_OFFLOAD)
                .withTsoMaxSize(65535).withMaxReceiveSize(65553);
        assertTrue(caps.tso());
        assertEquals(65535 + 14, caps.maxTransmitSize());
        assertEquals("csum tso4 gso-rx", caps.offloadSummary());
    }

    @Test
    void withoutTransmitOffloadsTheStackComputesWhatTheDeviceWouldHaveFinished() {
        DeviceCapabilities caps = DeviceCapabilities.ethernet(1500).withChecksums(ChecksumCapabilities.TAP_OFFLOAD)
                .withTsoMaxSize(65535).withMaxReceiveSize(65553).withoutTransmitOffloads();
        assertEquals(ChecksumCapabilities.SOFTWARE, caps.checksums());
        assertFalse(caps.tso());
        assertEquals(65553, caps.maxReceiveSize(), "what the other end offloads still arrives");
        assertEquals(ChecksumCapabilities.IGNORED, ChecksumCapabilities.IGNORED.withSoftwareTransmit(),
                "checksums done nowhere stay so: only those left to the device move");
    }

    @Test
    void aTsoLimitMustExceedTheMtuAndFitADatagram() {
        DeviceCapabilities plain = DeviceCapabilities.ethernet(1500);
        assertThrows(IllegalArgumentException.class, () -> plain.withTsoMaxSize(1500));
        assertThrows(IllegalArgumentException.class, () -> plain.withTsoMaxSize(65536));
        assertThrows(IllegalArgumentException.class, () -> plain.withMaxReceiveSize(1000));
    }

    @Test
    void aLargerFrameSizeKeepsTheOffloadsConsistent() {
        DeviceCapabilities caps = DeviceCapabilities.ethernet(1500).withTsoMaxSize(9000).withMaxFrameSize(9014 + 2000);
        assertEquals(11000 + 1, caps.tsoMaxSize(), "still above the MTU");
        assertEquals(11014, DeviceCapabilities.ethernet(1500).withMaxFrameSize(11014).maxReceiveSize());
    }
}
