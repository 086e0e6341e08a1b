package dev.jnetlab.stack.socket.tcp;

/**
 * A socket call that could not be done, with a typed reason: {@link Send#error()} is a
 * {@link SendError}, {@link Recv#error()} a {@link RecvError}, {@link Connect#error()} a
 * {@link ConnectError}. Checked, so a console command cannot forget to turn it into one line
 * for the person (ARCHITECTURE.md §6). Made only on the error path, without a stack trace.
 */
public abstract sealed class TcpException extends Exception
        permits TcpException.Send, TcpException.Recv, TcpException.Connect {
    private static final long serialVersionUID = 1L;

    private TcpException(String message) {
        super(message, null, false, false);
    }

    /** The reason, whichever enum it is from. */
    public abstract Enum<?> reason();

    /** {@link TcpSocket#send} refused. */
    public static final class Send extends TcpException {
        private static final long serialVersionUID = 1L;
        private final SendError error;

        Send(SendError error, TcpState state) {
            super("cannot send in state " + state + ": " + error);
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

    /** {@link TcpSocket#recv} or {@link TcpSocket#peek} has nothing and never will. */
    public static final class Recv extends TcpException {
        private static final long serialVersionUID = 1L;
        private final RecvError error;

        Recv(RecvError error, TcpState state) {
            super("cannot receive in state " + state + ": " + error);
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

    /** {@link TcpSocket#connect} or {@link TcpSocket#listen} refused. */
    public static final class Connect extends TcpException {
        private static final long serialVersionUID = 1L;
        private final ConnectError error;

        /** For the socket set and the interface, which open connections on the socket's behalf. */
        public Connect(ConnectError error, String detail) {
            super(detail);
            this.error = error;
        }

        public ConnectError error() {
            return error;
        }

        @Override
        public Enum<?> reason() {
            return error;
        }
    }
}
