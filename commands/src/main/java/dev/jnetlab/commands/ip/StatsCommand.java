package dev.jnetlab.commands.ip;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.text.Table;
import dev.jnetlab.stack.storage.BufferPool;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stats", customSynopsis = "stats [--all]",
        description = "Shows the interface's counters that are not zero (--all: every one), drops by reason, "
                + "and the TCP buffer pool while it holds anything.",
        footer = {"stats", "stats --all"})
public final class StatsCommand implements ConsoleCommand {
    @Option(names = "--all", description = "show the counters that are zero too")
    private boolean all;

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> {
            BufferPool pool = network.local().sockets().bufferPool();
            return new Stats(network.local().iface().stats().asMap(), new BufferPoolFigures(pool.lentOctets(),
                    pool.pooledOctets(), pool.pooledBuffers(), pool.made(), pool.limit()), all);
        });
    }

    /**
     * @param counters every counter under its stable name ({@code frames_in}, {@code drop_bad_checksum}),
     *                 in a fixed order; the JSON form always has all of them
     * @param bufferPool what the TCP queues' buffer pool holds
     * @param all      whether the text shows the zero ones too
     */
    public record Stats(Map<String, Long> counters, BufferPoolFigures bufferPool, @JsonIgnore boolean all)
            implements CommandResult {
        @Override
        public String text() {
            Table table = new Table("counter", "value");
            counters.forEach((name, value) -> {
                if (all || value != 0) {
                    table.row(name, value);
                }
            });
            String text = table.size() == 0 ? "every counter is zero" : table.toString();
            return bufferPool.made() == 0 ? text : text + "\n" + bufferPool.text();
        }
    }

    /**
     * The arrays behind the TCP connections' queues (the socket set's pool): taken when data
     * comes, given back when a queue empties, kept for reuse up to a limit.
     *
     * @param lentOctets    octets the queues hold now
     * @param pooledOctets  octets kept for reuse
     * @param pooledBuffers arrays kept for reuse
     * @param made          arrays made since the start because none of the size was kept
     * @param limitOctets   the most octets kept for reuse
     */
    public record BufferPoolFigures(long lentOctets, long pooledOctets, int pooledBuffers, long made, long limitOctets) {
        /** {@code buffer pool: 131072 octets in queues, 2 arrays (131072 octets) kept of 8388608 at most, 4 made}. */
        public String text() {
            return "buffer pool: " + lentOctets + " octets in queues, " + pooledBuffers + " arrays (" + pooledOctets
                    + " octets) kept of " + limitOctets + " at most, " + made + " made";
        }
    }
}
