package dev.jnetlab.stack.phy;

import com.sun.jna.Native;

/** The {@code errno} values the native devices tell apart (asm-generic numbering), and their names. */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EBADFD = 77;
    static final int ENETDOWN = 100;
    static final int ENOBUFS = 105;

    private Errno() {
    }

    /** The calling thread's errno after the last native call (see {@link LibC}). */
    static int last() {
        return Native.getLastError();
    }

    /** {@code "Device or resource busy (EBUSY)"}: the C library's text and the symbolic name. */
    static String describe(int errno) {
        return LibC.strerror(errno) + " (" + name(errno) + ")";
    }

    private static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case EIO -> "EIO";
            case ENXIO -> "ENXIO";
            case EAGAIN -> "EAGAIN";
            case EACCES -> "EACCES";
            case EBUSY -> "EBUSY";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case EBADFD -> "EBADFD";
            case ENETDOWN -> "ENETDOWN";
            case ENOBUFS -> "ENOBUFS";
            default -> "errno " + errno;
        };
    }
}
