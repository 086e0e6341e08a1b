package dev.jnetlab.console;

import dev.jnetlab.console.LaunchOptions.Launch;
import dev.jnetlab.console.LaunchOptions.Mode;
import dev.jnetlab.console.LaunchOptions.UsageException;
import dev.jnetlab.stack.phy.DeviceOpenException;
import dev.jnetlab.stack.phy.RawSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The {@code jnetlab} command: reads the command line and hands over to the chosen mode. */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_COMMAND_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_DEVICE = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Launch launch;
        try {
            launch = LaunchOptions.parse(args);
        } catch (UsageException e) {
            err.println("jnetlab: " + e.getMessage());
            err.println("Try 'jnetlab --help' for the options.");
            return EXIT_USAGE;
        }
        if (launch.mode() instanceof Mode.Help) {
            out.print(usage());
            return EXIT_OK;
        }
        if (launch.mode() instanceof Mode.Tcpdump tcpdump) {
            try (RawSocket socket = RawSocket.open(tcpdump.iface())) {
                new Tcpdump(socket, out).run(() -> false);
                return EXIT_OK;
            } catch (DeviceOpenException e) {
                err.println("jnetlab: " + e.getMessage());
                return EXIT_DEVICE;
            }
        }
        err.println("jnetlab: the console is not built yet; --help and --tcpdump work in this version");
        return EXIT_USAGE;
    }

    static String usage() {
        try (InputStream in = Main.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
