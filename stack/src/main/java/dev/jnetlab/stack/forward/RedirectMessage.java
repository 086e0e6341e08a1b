package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.NdpOptions;
import java.util.Arrays;

/**
 * The body of an ICMPv6 Redirect (RFC 4861 section 4.5): type 137, code 0, the target (the
 * better first hop) and the destination it is better for, then the Target Link-Layer Address
 * option when the router knows it and the Redirected Header option (section 4.6.3): as much of
 * the redirected packet as keeps the whole message within the minimum MTU, padded to 8 octets.
 */
final class RedirectMessage {
    /** The octets before the options. */
    static final int FIXED = 40;
    /** What the Redirected Header option carries at most: 1280 less the IPv6 header, the fixed part, the link-layer option and its own 8 octets. */
    static final int MAX_QUOTED = Ipv6Packet.MIN_MTU - Ipv6Packet.HEADER_LEN - FIXED - NdpOptions.LINK_LAYER_LEN - 8;

    private RedirectMessage() {
    }

    /**
     * Writes the message at {@code buffer[at ..]} (the checksum left for the caller, who knows
     * the addresses), quoting {@code packetLength} octets of {@code packet} from {@code packetAt};
     * {@code targetMac} 0: no link-layer option. Returns its length.
     */
    static int write(byte[] buffer, int at, long targetHigh, long targetLow, long destinationHigh, long destinationLow,
                     long targetMac, byte[] packet, int packetAt, int packetLength) {
        buffer[at] = (byte) Icmpv6Packet.TYPE_REDIRECT;
        Arrays.fill(buffer, at + 1, at + 8, (byte) 0); // code 0, checksum, reserved
        Ipv6Address.write(buffer, at + 8, targetHigh, targetLow);
        Ipv6Address.write(buffer, at + 24, destinationHigh, destinationLow);
        int option = at + FIXED;
        if (targetMac != 0) {
            NdpOptions.writeLinkLayer(buffer, option, NdpOptions.TARGET_LINK_LAYER, targetMac);
            option += NdpOptions.LINK_LAYER_LEN;
        }
        int quoted = Math.min(packetLength, MAX_QUOTED);
        int padded = (quoted + 7) & ~7;
        buffer[option] = (byte) NdpOptions.REDIRECTED_HEADER;
        buffer[option + 1] = (byte) ((8 + padded) / 8);
        Arrays.fill(buffer, option + 2, option + 8, (byte) 0);
        System.arraycopy(packet, packetAt, buffer, option + 8, quoted);
        Arrays.fill(buffer, option + 8 + quoted, option + 8 + padded, (byte) 0);
        return option + 8 + padded - at;
    }
}
