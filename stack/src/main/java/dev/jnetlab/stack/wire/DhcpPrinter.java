package dev.jnetlab.stack.wire;

/**
 * Prints a BOOTP or DHCP message as {@code tcpdump -nn} does without {@code -v}:
 * {@code BOOTP/DHCP, Request from 02:00:00:00:00:01, length 300} or
 * {@code BOOTP/DHCP, Reply, length 300}, the length being the UDP payload's. The message type
 * is left to the nested printer, as tcpdump leaves it to {@code -v}. Allocates nothing.
 */
final class DhcpPrinter {
    private final DhcpPacket dhcp = new DhcpPacket();

    StringBuilder append(StringBuilder out, byte[] buf, int offset, int length) {
        out.append("BOOTP/DHCP, ");
        if (length < 1) {
            return out.append("[|bootp]");
        }
        dhcp.wrap(buf, offset, length);
        int op = dhcp.op();
        if (op == DhcpPacket.OP_REQUEST) {
            out.append("Request");
            if (length >= 34 && dhcp.hardwareType() == 1 && dhcp.hardwareLength() == 6) {
                MacAddress.appendTo(out.append(" from "), dhcp.clientHardwareAddress());
            }
        } else if (op == DhcpPacket.OP_REPLY) {
            out.append("Reply");
        } else {
            out.append("op-#").append(op);
        }
        return out.append(", length ").append(length);
    }
}
