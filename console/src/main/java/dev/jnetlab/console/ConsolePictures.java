package dev.jnetlab.console;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.report.ReportSources;
import dev.jnetlab.host.RecentLines;
import dev.jnetlab.labs.engine.LabEngine;
import java.util.List;
import java.util.Optional;

/** The report's and the web view's sources in the console: the lines it said, and its lab engine. */
final class ConsolePictures {
    private ConsolePictures() {
    }

    static ReportSources sources(RecentLines recent, LabEngine labs) {
        return new ReportSources() {
            @Override
            public List<String> recentLines() {
                return recent.lines();
            }

            @Override
            public Optional<String> lab(Session session) throws InterruptedException {
                if (labs.progress().isEmpty()) {
                    return Optional.empty();
                }
                String progress = StatusLine.lab(labs.progress()).replaceFirst("^ \\| ", "");
                try {
                    return Optional.of(progress + "\n\n" + labs.report(session.driver()).text());
                } catch (CommandException e) {
                    return Optional.of(progress);
                }
            }
        };
    }
}
