package dev.jnetlab.commands.udp;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.text.Table;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketSummary;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

@Command(name = "sockets", customSynopsis = "sockets",
        description = "Lists this host's sockets: handle, kind, local and remote endpoint, state, queues.",
        footer = {"sockets"})
public final class SocketsCommand implements ConsoleCommand {

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> new Sockets(network.local().sockets().summaries().stream()
                .map(SocketsCommand::line).toList()));
    }

    private static SocketLine line(SocketSummary summary) {
        return new SocketLine(summary.handle().toString(), summary.kind().name().toLowerCase(Locale.ROOT),
                summary.local().toString(), summary.remote().toString(), summary.state(), summary.recvQueue(),
                summary.sendQueue());
    }

    /**
     * One socket.
     *
     * @param kind      {@code udp}, {@code icmp}, {@code tcp}, {@code tcp_listener}
     * @param local     address and port ({@code 0.0.0.0} for every address of the host)
     * @param remote    address and port of a connection, {@code 0.0.0.0:0} for a datagram socket
     * @param recvQueue octets received and not yet read
     * @param sendQueue octets queued and not yet sent
     */
    public record SocketLine(String handle, String kind, String local, String remote, String state, int recvQueue,
                             int sendQueue) {
    }

    /** Every socket, in the order they were opened; the text reads like {@code ss -a}. */
    public record Sockets(List<SocketLine> sockets) implements CommandResult {
        @Override
        public String text() {
            if (sockets.isEmpty()) {
                return "no sockets are open";
            }
            Table table = new Table("handle", "kind", "local", "remote", "state", "recv-q", "send-q");
            for (SocketLine line : sockets) {
                table.row(line.handle(), line.kind(), star(line.local()), star(line.remote()), line.state(),
                        line.recvQueue(), line.sendQueue());
            }
            return table.toString();
        }

        /** As {@code ss} shows endpoints: {@code *} for an unspecified address or port. */
        private static String star(String endpoint) {
            IpEndpoint parsed = IpEndpoint.parse(endpoint);
            String address = parsed.address().isUnspecified() ? "*"
                    : parsed.isIpv6() ? "[" + parsed.address() + "]" : parsed.address().toString();
            return address + ":" + (parsed.port() == 0 ? "*" : Integer.toString(parsed.port()));
        }
    }
}
