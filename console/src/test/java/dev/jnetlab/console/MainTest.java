package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpPrintsTheUsageOfTheContractAndSucceeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(List.of("--help"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status);
        assertTrue(text.startsWith("Usage: jnetlab [DEVICE] [options]"), text);
        for (String option : List.of("--raw IFACE", "--ip CIDR", "--mac MAC", "--gateway IP", "--pcap FILE",
                "--drop-chance PCT", "--corrupt-chance PCT", "--size-limit OCTETS", "--tx-rate-limit PKTS",
                "--rx-rate-limit PKTS", "--shaping-interval MS", "--seed N", "--serve", "-c 'CMD; CMD'",
                "--script FILE", "--json", "--lab ID", "--tcpdump IFACE")) {
            assertTrue(text.contains(option), () -> "usage lacks " + option);
        }
    }
}
