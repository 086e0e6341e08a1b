package dev.jnetlab.stack.wire;

/**
 * The nine control bits of a TCP header (RFC 9293 section 3.1; ECE and CWR from RFC 3168;
 * NS from RFC 3540, now reserved again as AE): a set of the {@code int} constants below.
 *
 * @param bits a union of {@link #FIN} ... {@link #NS}
 */
public record TcpFlags(int bits) {
    public static final int FIN = 0x001;
    public static final int SYN = 0x002;
    public static final int RST = 0x004;
    public static final int PSH = 0x008;
    public static final int ACK = 0x010;
    public static final int URG = 0x020;
    public static final int ECE = 0x040;
    public static final int CWR = 0x080;
    public static final int NS = 0x100;

    public static final TcpFlags NONE = new TcpFlags(0);

    /** tcpdump's letter for each flag, in its order; NS last, as newer tcpdump prints AE. */
    private static final int[] ORDER = {FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, NS};
    private static final char[] LETTERS = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W', 'e'};

    public TcpFlags {
        Bytes.requireUnsigned(bits, 9, "TCP flags");
    }

    public static TcpFlags of(int bits) {
        return new TcpFlags(bits);
    }

    /** Whether every flag in {@code flags} is set. */
    public boolean has(int flags) {
        return (bits & flags) == flags;
    }

    public TcpFlags with(int flags) {
        return new TcpFlags(bits | flags);
    }

    public TcpFlags without(int flags) {
        return new TcpFlags(bits & ~flags);
    }

    /** Appends the flags as tcpdump prints them inside {@code Flags [...]}: {@code S.}, {@code FP.}, {@code none}. */
    public static StringBuilder appendTcpdump(StringBuilder out, int bits) {
        if (bits == 0) {
            return out.append("none");
        }
        for (int i = 0; i < ORDER.length; i++) {
            if ((bits & ORDER[i]) != 0) {
                out.append(LETTERS[i]);
            }
        }
        return out;
    }

    /** As tcpdump prints them: {@code S.} for SYN and ACK, {@code none} for none. */
    @Override
    public String toString() {
        return appendTcpdump(new StringBuilder(9), bits).toString();
    }
}
