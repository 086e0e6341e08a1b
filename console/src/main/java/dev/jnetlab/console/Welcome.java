package dev.jnetlab.console;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.text.Wrap;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.stream.Collectors;

/** The line the console starts with: where this host is, and how to go on. */
final class Welcome {
    private Welcome() {
    }

    static String text(Session session) throws InterruptedException {
        try {
            return session.stack((network, now) -> Wrap.line("jnetlab: this host is "
                    + network.local().iface().addresses().stream().map(Ipv4Cidr::toString).collect(Collectors.joining(", "))
                    + " on " + network.deviceName() + " (" + network.deviceDescription() + ")."
                    + " 'help' lists the commands; Ctrl-D or 'quit' leaves.", Wrap.WIDTH, 0));
        } catch (CommandException e) {
            return "jnetlab: 'help' lists the commands; Ctrl-D or 'quit' leaves.";
        }
    }
}
