package dev.jnetlab.stack.phy;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens a device the way a user without privileges would: a child JVM run by
 * {@code setpriv} as uid and gid 65534 (nobody) with no supplementary groups, inside a test's
 * namespace. Changing to a non-zero uid clears the capabilities (capabilities(7), "Effect of
 * user ID changes"), so the kernel's permission checks run for real.
 *
 * <p>{@link #main} is the child: it prints the failure's reason on the first line and its
 * message after, and exits 3 (the console's status for a device that cannot be opened), or
 * prints {@code OPENED} and exits 0.
 *
 * <p>The child cannot read the build's classpath under root's home, so {@link #run} copies
 * what it needs (the stack's classes, this class, the JNA jar) into a directory it can read.
 */
final class UnprivilegedOpen {
    static final int NOBODY = 65534;

    private UnprivilegedOpen() {
    }

    /** {@code tap NAME CLONE_DEVICE} or {@code raw NAME}. */
    public static void main(String[] args) {
        try {
            AutoCloseable device = args[0].equals("tap")
                    ? TapInterface.open(args[1], Path.of(args[2]))
                    : RawSocket.open(args[1]);
            device.close();
            System.out.println("OPENED");
            System.exit(0);
        } catch (DeviceOpenException e) {
            System.out.println(e.reason());
            System.out.println(e.getMessage());
            System.exit(3);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs {@link #main} with {@code args} as nobody inside {@code ns}, with files from {@code scratch}. */
    static PeerResult run(NetworkNamespace ns, Path scratch, String... args) {
        try {
            Path classes = scratch.resolve("classes");
            copyTree(codeSource(TapInterface.class), classes);
            Path self = Path.of(UnprivilegedOpen.class.getName().replace('.', '/') + ".class");
            Files.copy(codeSource(UnprivilegedOpen.class).resolve(self), classes.resolve(self),
                    StandardCopyOption.REPLACE_EXISTING);
            Path jna = scratch.resolve("jna.jar");
            Files.copy(codeSource(com.sun.jna.Native.class), jna, StandardCopyOption.REPLACE_EXISTING);
            Path jnaTemp = Files.createDirectories(scratch.resolve("jna-tmp"));
            readableByAll(scratch);
            Files.setPosixFilePermissions(jnaTemp, PosixFilePermissions.fromString("rwxrwxrwx"));

            List<String> command = new ArrayList<>(List.of(
                    "setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xmx64m",
                    "-Djna.tmpdir=" + jnaTemp, "-Djava.io.tmpdir=" + jnaTemp,
                    "-cp", classes + ":" + jna, UnprivilegedOpen.class.getName()));
            command.addAll(List.of(args));
            return ns.exec(command.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Directories and regular files only: a device node made by the test keeps its own mode. */
    private static void readableByAll(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isDirectory(file)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (Files.isRegularFile(file)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
