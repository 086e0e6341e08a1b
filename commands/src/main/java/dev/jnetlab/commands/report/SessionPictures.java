package dev.jnetlab.commands.report;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.plot.Pictures;
import dev.jnetlab.host.ladder.Ladder;
import dev.jnetlab.host.ladder.SvgLadder;
import dev.jnetlab.host.plot.Plots;
import dev.jnetlab.host.plot.Sample;
import dev.jnetlab.host.plot.SvgChart;
import java.util.ArrayList;
import java.util.List;

/**
 * Every recorded connection's pictures as SVG text: its flow graph, its time-sequence graph,
 * its congestion charts. Read on the stack's thread, drawn off it.
 */
public final class SessionPictures {
    /**
     * One connection's pictures.
     *
     * @param handle        {@code tcp#1}
     * @param title         its ends
     * @param ladder        the flow graph, SVG
     * @param timeSequence  the time-sequence graph, SVG
     * @param congestion    cwnd and RTT charts, SVG
     */
    public record ConnectionPictures(String handle, String title, int segments, String ladder, String timeSequence,
                                     String congestion) {
    }

    private record Recorded(String handle, Ladder ladder, List<Sample> samples) {
    }

    private SessionPictures() {
    }

    public static List<ConnectionPictures> of(Session session) throws CommandException, InterruptedException {
        List<Recorded> recorded = session.stack((network, now) -> {
            List<Recorded> out = new ArrayList<>();
            for (var handle : network.ladders().handles()) {
                var ladder = network.ladders().ladder(handle);
                var samples = network.ladders().samples(handle);
                if (ladder.isPresent() && samples.isPresent()) {
                    out.add(new Recorded(handle.toString(), ladder.get(), samples.get()));
                }
            }
            return out;
        });
        List<ConnectionPictures> pictures = new ArrayList<>();
        for (Recorded r : recorded) {
            String title = r.ladder().local() + " \u2192 " + r.ladder().remote();
            pictures.add(new ConnectionPictures(r.handle(), title, r.ladder().segments().size() + r.ladder().omitted(),
                    SvgLadder.render(r.ladder()),
                    SvgChart.render(Plots.timeSequence(r.handle() + " " + title, r.samples())),
                    Pictures.svg(Plots.congestion(r.handle(), r.samples()))));
        }
        return pictures;
    }
}
