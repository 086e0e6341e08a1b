package dev.jnetlab.stack.socket;

import java.util.Arrays;
import java.util.Objects;

/**
 * A datagram {@link UdpSocket#recvFrom()} handed over: who sent it, which of the interface's
 * addresses it was sent to, and its payload.
 *
 * @param remote the sender's address and port
 * @param local  the address and port it arrived on: one of the interface's addresses, or a
 *               broadcast address
 * @param data   the payload (a copy; the record owns it)
 */
public record UdpDatagram(IpEndpoint remote, IpEndpoint local, byte[] data) {

    public UdpDatagram {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
        data = data.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UdpDatagram d && remote.equals(d.remote) && local.equals(d.local)
                && Arrays.equals(data, d.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(remote, local, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "UdpDatagram[" + remote + " > " + local + ", " + data.length + " octets]";
    }
}
