package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpRepr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A TCP segment as a test writes it: an immutable value with readable withers, compared field
 * by field (ports and addresses are the harness's business). {@code seg().syn().seq(100)}
 * reads as the segment it is.
 */
final class Seg {
    final int flags;
    final int seq;
    final int ack;
    final int window;
    final Integer mss;
    final Integer windowScale;
    final boolean sackPermitted;
    final List<int[]> sack;
    final Integer tsVal;
    final Integer tsEcr;
    final byte[] payload;

    private Seg(int flags, int seq, int ack, int window, Integer mss, Integer windowScale, boolean sackPermitted,
            List<int[]> sack, Integer tsVal, Integer tsEcr, byte[] payload) {
        this.flags = flags;
        this.seq = seq;
        this.ack = ack;
        this.window = window;
        this.mss = mss;
        this.windowScale = windowScale;
        this.sackPermitted = sackPermitted;
        this.sack = sack;
        this.tsVal = tsVal;
        this.tsEcr = tsEcr;
        this.payload = payload;
    }

    /** An empty segment: no flags, sequence 0, window 0. */
    static Seg seg() {
        return new Seg(0, 0, 0, 0, null, null, false, List.of(), null, null, new byte[0]);
    }

    private Seg with(int flags, int seq, int ack, int window, Integer mss, Integer ws, boolean sackOk, List<int[]> sack,
            Integer tsVal, Integer tsEcr, byte[] payload) {
        return new Seg(flags, seq, ack, window, mss, ws, sackOk, sack, tsVal, tsEcr, payload);
    }

    Seg flag(int bit) {
        return with(flags | bit, seq, ack, window, mss, windowScale, sackPermitted, sack, tsVal, tsEcr, payload);
    }

    Seg noFlag(int bit) {
        return with(flags & ~bit, seq, ack, window, mss, windowScale, sackPermitted, sack, tsVal, tsEcr, payload);
    }

    Seg syn() {
        return flag(TcpFlags.SYN);
    }

    Seg fin() {
        return flag(TcpFlags.FIN);
    }

    Seg rst() {
        return flag(TcpFlags.RST);
    }

    Seg psh() {
        return flag(TcpFlags.PSH);
    }

    Seg urg() {
        return flag(TcpFlags.URG);
    }

    Seg seq(int seq) {
        return with(flags, seq, ack, window, mss, windowScale, sackPermitted, sack, tsVal, tsEcr, payload);
    }

    /** Sets the ACK bit and SEG.ACK. */
    Seg ack(int ack) {
        return with(flags | TcpFlags.ACK, seq, ack, window, mss, windowScale, sackPermitted, sack, tsVal, tsEcr, payload);
    }

    Seg noAck() {
        return with(flags & ~TcpFlags.ACK, seq, 0, window, mss, windowScale, sackPermitted, sack, tsVal, tsEcr, payload);
    }

    Seg win(int window) {
        return with(flags, seq, ack, window, mss, windowScale, sackPermitted, sack, tsVal, tsEcr, payload);
    }

    Seg mss(int mss) {
        return with(flags, seq, ack, window, mss, windowScale, sackPermitted, sack, tsVal, tsEcr, payload);
    }

    Seg noMss() {
        return with(flags, seq, ack, window, null, windowScale, sackPermitted, sack, tsVal, tsEcr, payload);
    }

    Seg ws(int shift) {
        return with(flags, seq, ack, window, mss, shift, sackPermitted, sack, tsVal, tsEcr, payload);
    }

    Seg sackOk() {
        return with(flags, seq, ack, window, mss, windowScale, true, sack, tsVal, tsEcr, payload);
    }

    /** Appends a SACK block [left, right). */
    Seg sack(int left, int right) {
        List<int[]> blocks = new ArrayList<>(sack);
        blocks.add(new int[] {left, right});
        return with(flags, seq, ack, window, mss, windowScale, sackPermitted, List.copyOf(blocks), tsVal, tsEcr, payload);
    }

    Seg ts(int val, int ecr) {
        return with(flags, seq, ack, window, mss, windowScale, sackPermitted, sack, val, ecr, payload);
    }

    Seg data(byte[] payload) {
        return with(flags, seq, ack, window, mss, windowScale, sackPermitted, sack, tsVal, tsEcr, payload.clone());
    }

    Seg data(String text) {
        return data(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    int segLen() {
        return payload.length + ((flags & TcpFlags.SYN) != 0 ? 1 : 0) + ((flags & TcpFlags.FIN) != 0 ? 1 : 0);
    }

    boolean is(int bit) {
        return (flags & bit) != 0;
    }

    /** Fills {@code out} with this segment, from port {@code src} to {@code dst}. */
    TcpRepr fill(TcpRepr out, int src, int dst) {
        out.clear().sourcePort(src).destinationPort(dst).seq(seq).flags(flags).window(window);
        if ((flags & TcpFlags.ACK) != 0) {
            out.ack(ack);
        }
        if (mss != null) {
            out.mss(mss);
        }
        if (windowScale != null) {
            out.windowScale(windowScale);
        }
        out.sackPermitted(sackPermitted);
        for (int[] block : sack) {
            out.addSackBlock(block[0], block[1]);
        }
        if (tsVal != null) {
            out.timestamps(tsVal, tsEcr);
        }
        // Lend the payload inside a larger array, at an offset, as a frame would.
        byte[] frame = new byte[payload.length + 60];
        System.arraycopy(payload, 0, frame, 54, payload.length);
        out.payload(frame, 54, payload.length);
        return out;
    }

    /** The value of a segment the socket produced, with its payload. */
    static Seg of(TcpRepr in, byte[] payload) {
        List<int[]> blocks = new ArrayList<>();
        for (int i = 0; i < in.sackBlockCount(); i++) {
            blocks.add(new int[] {in.sackLeft(i), in.sackRight(i)});
        }
        return new Seg(in.flags(), in.seq(), in.isAck() ? in.ackNumber() : 0, in.window(),
                in.hasMss() ? in.mss() : null, in.hasWindowScale() ? in.windowScale() : null, in.sackPermitted(),
                List.copyOf(blocks), in.hasTimestamps() ? in.tsVal() : null, in.hasTimestamps() ? in.tsEcr() : null,
                payload);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Seg other)) {
            return false;
        }
        if (sack.size() != other.sack.size()) {
            return false;
        }
        for (int i = 0; i < sack.size(); i++) {
            if (!Arrays.equals(sack.get(i), other.sack.get(i))) {
                return false;
            }
        }
        return flags == other.flags && seq == other.seq && ack == other.ack && window == other.window
                && Objects.equals(mss, other.mss) && Objects.equals(windowScale, other.windowScale)
                && sackPermitted == other.sackPermitted && Objects.equals(tsVal, other.tsVal)
                && Objects.equals(tsEcr, other.tsEcr) && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, seq, ack, window);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        TcpRepr.appendFlags(out, flags);
        out.append("] seq=").append(Integer.toUnsignedString(seq));
        if ((flags & TcpFlags.ACK) != 0) {
            out.append(" ack=").append(Integer.toUnsignedString(ack));
        }
        out.append(" win=").append(window);
        if (mss != null) {
            out.append(" mss=").append(mss);
        }
        if (windowScale != null) {
            out.append(" ws=").append(windowScale);
        }
        if (sackPermitted) {
            out.append(" sackOK");
        }
        if (tsVal != null) {
            out.append(" ts=").append(Integer.toUnsignedString(tsVal)).append('/').append(Integer.toUnsignedString(tsEcr));
        }
        for (int[] block : sack) {
            out.append(" sack=[").append(Integer.toUnsignedString(block[0])).append('-')
                    .append(Integer.toUnsignedString(block[1])).append(')');
        }
        if (payload.length > 0) {
            out.append(" len=").append(payload.length);
            boolean printable = true;
            for (byte b : payload) {
                printable &= b >= 32 && b < 127;
            }
            if (printable && payload.length <= 64) {
                out.append(" \"").append(new String(payload, StandardCharsets.ISO_8859_1)).append('"');
            }
        }
        return out.toString();
    }
}
