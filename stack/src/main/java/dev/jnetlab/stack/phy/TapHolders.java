package dev.jnetlab.stack.phy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the programs that hold a tap open, to name them when the tap is busy. The tun driver
 * shows the interface an open descriptor is attached to in its fdinfo ({@code iff:} line,
 * tun_chr_show_fdinfo in drivers/net/tun.c), so a scan of /proc/PID/fdinfo finds every
 * process this user may look at. Names are per network namespace, so a match in another
 * namespace is possible; the message says "a tap named", not "this tap".
 */
final class TapHolders {
    private static final Path PROC = Path.of("/proc");

    private TapHolders() {
    }

    /** "4242 (qemu-system-x86)" for each process with a descriptor on a tap of this name. */
    static List<String> of(String tapName) {
        String line = "iff:\t" + tapName;
        List<String> holders = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                if (holds(process, line)) {
                    holders.add(process.getFileName() + " (" + command(process) + ")");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // /proc unreadable: the message then says how to look for the holder by hand.
        }
        return holders;
    }

    private static boolean holds(Path process, String line) {
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fdinfo"))) {
            for (Path descriptor : descriptors) {
                if (Files.readAllLines(descriptor, StandardCharsets.UTF_8).contains(line)) {
                    return true;
                }
            }
        } catch (IOException e) {
            // Another user's process, or one that ended while we looked.
        }
        return false;
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
