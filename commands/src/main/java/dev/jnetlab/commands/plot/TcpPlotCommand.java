package dev.jnetlab.commands.plot;

import dev.jnetlab.host.plot.SampleRing;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.args.Handles;
import dev.jnetlab.host.ConnectionLadders;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.plot.Sample;
import dev.jnetlab.host.plot.SampleMark;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tcp plot H}: the connection's time-sequence graph, or its congestion state, drawn or written as SVG. */
@Command(name = "plot", customSynopsis = "tcp plot H [--cwnd] [--svg FILE] [--width N] [--ascii]",
        description = "Plots connection H as tcptrace does: each segment sent as a bar by sequence number over time, "
                + "the ACK line, the receive window's edge, SACK blocks, and retransmissions (R), fast retransmits "
                + "(F), SACK/RACK retransmits (K) and tail loss probes (T) in their own marks. With --cwnd: cwnd, "
                + "ssthresh and octets in flight, and SRTT and RTO, over time. A connection that sent no data "
                + "(a download) is plotted from the peer's side, the data it received, as its title says. Braille in colour on a colour "
                + "terminal, ASCII otherwise or with NO_COLOR; --svg writes a picture instead.",
        footer = {"tcp plot 1", "tcp plot 1 --cwnd", "tcp plot tcp#1 --svg flow.svg"})
public final class TcpPlotCommand implements ConsoleCommand {
    private static final String WHAT = "a TCP connection";

    @Parameters(paramLabel = "H")
    private String handle;
    @Option(names = "--cwnd", description = "cwnd, ssthresh, in flight, SRTT and RTO instead of the sequence numbers")
    private boolean cwnd;
    @Option(names = "--svg", paramLabel = "FILE", description = "write an SVG picture to FILE")
    private String svg;
    @Option(names = "--width", paramLabel = "N", description = "columns to draw in (default: the terminal's)")
    private String width;
    @Option(names = "--ascii", description = "plain ASCII letters, no colour")
    private boolean ascii;

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        Integer columns = width == null ? null : Arguments.intInRange("--width", width, 40, 1000);
        PlotStyle style = PlotStyle.ofEnvironment().width(columns).ascii(ascii);
        Found found = session.stack((network, now) -> find(network, handle));
        if (found.samples().isEmpty()) {
            throw new CommandException("no segment of " + found.handle() + " has crossed the link yet");
        }
        List<Sample> samples = found.samples();
        String title = found.handle().toString();
        if (!cwnd && payload(samples, Direction.TX) == 0 && payload(samples, Direction.RX) > 0) {
            // tcptrace plots the direction that carries data, as plot pcap does: here the peer's.
            samples = samples.stream().map(TcpPlotCommand::turned).toList();
            title += ", the data it received (it sent none)";
        }
        if (samples.size() >= SampleRing.DEFAULT_CAPACITY) {
            // The ring keeps the last segments only: say so where the picture is, not in the README.
            title += " (its last " + samples.size() + " segments; earlier ones are not kept)";
        }
        return Pictures.plot(title, samples, cwnd, svg, style);
    }

    private static long payload(List<Sample> samples, Direction direction) {
        return samples.stream().filter(s -> s.direction() == direction).mapToLong(Sample::length).sum();
    }

    /** The sample as the other end saw it: what came in went out. The congestion state was this end's, so goes. */
    private static Sample turned(Sample s) {
        Direction other = s.direction() == Direction.TX ? Direction.RX : Direction.TX;
        return new Sample(s.time(), other, s.flags(), s.seq(), s.length(), s.ack(), s.window(), s.sacks(),
                s.direction() == Direction.RX ? SampleMark.NONE : s.mark(), Optional.empty());
    }

    /** A followed connection and its samples. */
    public record Found(SocketHandle<TcpSocket> handle, List<Sample> samples) {
    }

    /** The samples of the connection {@code text} names, open or kept after closing. On the stack's thread. */
    public static Found find(Network network, String text) throws CommandException {
        SocketHandle<TcpSocket> found = closed(network, text)
                .orElseGet(() -> null);
        if (found == null) {
            found = Handles.find(network.local().sockets(), text, TcpSocket.class, WHAT);
        }
        SocketHandle<TcpSocket> h = found;
        List<Sample> samples = network.ladders().samples(h).orElseThrow(() -> new CommandException(h
                + " is not recorded: only the last " + ConnectionLadders.MAX_CONNECTIONS
                + " connections opened by tcp connect or accepted by tcp listen are"));
        return new Found(h, samples);
    }

    private static Optional<SocketHandle<TcpSocket>> closed(Network network, String text) {
        String number = text.startsWith("tcp#") ? text.substring(4) : text;
        if (!number.matches("[0-9]{1,9}") || network.local().sockets().handle("tcp", Integer.parseInt(number)).isPresent()) {
            return Optional.empty();
        }
        return network.ladders().closed(Integer.parseInt(number));
    }
}
