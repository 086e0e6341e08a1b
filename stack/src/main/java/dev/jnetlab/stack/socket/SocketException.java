package dev.jnetlab.stack.socket;

/**
 * A UDP or ICMP socket call that could not be done, with its typed reason: {@link Bind#error()}
 * is a {@link BindError}, {@link Send#error()} a {@link SendError}, {@link Recv#error()} a
 * {@link RecvError}. Checked, so a console command cannot forget to turn it into one line for
 * the person (ARCHITECTURE.md §6). Made only on the error path, without a stack trace.
 */
public abstract sealed class SocketException extends Exception
        permits SocketException.Bind, SocketException.Send, SocketException.Recv {
    private static final long serialVersionUID = 1L;

    private SocketException(String message) {
        super(message, null, false, false);
    }

    /** The reason, whichever enum it is from. */
    public abstract Enum<?> reason();

    /** A bind was refused. */
    public static final class Bind extends SocketException {
        private static final long serialVersionUID = 1L;
        private final BindError error;

        Bind(BindError error, String message) {
            super(message);
            this.error = error;
        }

        public BindError error() {
            return error;
        }

        @Override
        public Enum<?> reason() {
            return error;
        }
    }

    /** A datagram to send was refused. */
    public static final class Send extends SocketException {
        private static final long serialVersionUID = 1L;
        private final SendError error;

        Send(SendError error, String message) {
            super(message);
            this.error = error;
        }

        public SendError error() {
            return error;
        }

        @Override
        public Enum<?> reason() {
            return error;
        }
    }

    /** Nothing to receive. */
    public static final class Recv extends SocketException {
        private static final long serialVersionUID = 1L;
        private final RecvError error;

        Recv(RecvError error, String message) {
            super(message);
            this.error = error;
        }

        public RecvError error() {
            return error;
        }

        @Override
        public Enum<?> reason() {
            return error;
        }
    }
}
