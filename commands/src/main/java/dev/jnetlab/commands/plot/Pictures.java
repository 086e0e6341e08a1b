package dev.jnetlab.commands.plot;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.host.plot.Chart;
import dev.jnetlab.host.plot.Plots;
import dev.jnetlab.host.plot.Sample;
import dev.jnetlab.host.plot.SvgChart;
import dev.jnetlab.host.plot.TerminalChart;
import dev.jnetlab.stack.phy.PcapFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code tcp plot} and {@code plot pcap} share: the charts of some samples, drawn or written. */
public final class Pictures {
    private Pictures() {
    }

    /** The time-sequence graph, or with {@code cwnd} the congestion charts. */
    public static List<Chart> charts(String title, List<Sample> samples, boolean cwnd) {
        return cwnd ? Plots.congestion(title, samples) : List.of(Plots.timeSequence(title, samples));
    }

    /** Several charts in one SVG picture, one under the other. */
    public static String svg(List<Chart> charts) {
        if (charts.size() == 1) {
            return SvgChart.render(charts.get(0));
        }
        int height = SvgChart.HEIGHT * charts.size();
        StringBuilder out = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + SvgChart.WIDTH
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + SvgChart.WIDTH + " " + height + "\">\n");
        for (int i = 0; i < charts.size(); i++) {
            String one = SvgChart.render(charts.get(i));
            out.append("<g transform=\"translate(0 ").append(SvgChart.HEIGHT * i).append(")\">\n")
                    .append(one, one.indexOf('\n') + 1, one.lastIndexOf("</svg>")).append("</g>\n");
        }
        return out.append("</svg>\n").toString();
    }

    /** The charts in the terminal. */
    public static String text(List<Chart> charts, PlotStyle style) {
        return charts.stream().map(c -> TerminalChart.render(c, style.columns(), style.style()))
                .collect(Collectors.joining("\n"));
    }

    /** Writes {@code text} to {@code file}, or says in one line why it cannot. */
    public static Path write(String file, String text) throws CommandException {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new CommandException("not a file name: " + file);
        }
        try {
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new CommandException("cannot write " + file + ": " + PcapFile.reason(e));
        }
        return path;
    }

    /**
     * A connection's plot.
     *
     * @param connection the handle or capture connection plotted
     * @param samples    segments drawn
     * @param svg        the file written, or null
     * @param picture    the terminal drawing, empty when a file was written
     */
    public record Plot(String connection, int samples, String svg, String picture) implements CommandResult {
        @Override
        public String text() {
            return svg == null ? picture : "wrote " + svg + " (" + samples + " segment" + (samples == 1 ? "" : "s")
                    + " of " + connection + ")";
        }
    }

    /** The plot result: drawn, or written to {@code svgFile}. */
    static Plot plot(String connection, List<Sample> samples, boolean cwnd, String svgFile, PlotStyle style)
            throws CommandException {
        List<Chart> charts = new ArrayList<>(charts(connection, samples, cwnd));
        if (svgFile != null) {
            write(svgFile, svg(charts));
            return new Plot(connection, samples.size(), svgFile, "");
        }
        return new Plot(connection, samples.size(), null, text(charts, style));
    }
}
