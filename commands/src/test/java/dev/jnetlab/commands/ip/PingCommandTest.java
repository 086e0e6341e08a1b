package dev.jnetlab.commands.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.ip.PingCommand.Ping;
import dev.jnetlab.commands.testing.VirtualConsole;
import java.util.List;
import org.junit.jupiter.api.Test;

class PingCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    @Test
    void threeRepliesFromThePeer() {
        Ping ping = console.ok("ping -c 3 192.168.69.100", Ping.class);
        System.out.println(String.join("\n", console.output()));
        System.out.println(ping.text());
        assertEquals(3, ping.transmitted());
        assertEquals(3, ping.received());
    }

    @Test
    void nobodyThere() {
        Ping ping = console.ok("ping -c 3 192.168.69.50", Ping.class);
        System.out.println(String.join("\n", console.output()));
        System.out.println(ping.text());
    }
}
