package dev.jnetlab.netns;

import dev.jnetlab.testing.ExternalTool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a real-peer test needs from the host: root, /dev/net/tun, iproute2 and the peer
 * tools it names. {@link #missing} says, in one line, what is not there and how to get it.
 */
final class HostRequirements {
    /** The Debian package that brings each tool, for the one-line reason. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("ip", "iproute2"),
            Map.entry("ss", "iproute2"),
            Map.entry("ping", "iputils-ping"),
            Map.entry("arping", "iputils-arping"),
            Map.entry("socat", "socat"),
            Map.entry("curl", "curl"),
            Map.entry("tcpdump", "tcpdump"),
            Map.entry("tshark", "tshark"),
            Map.entry("radvd", "radvd"),
            Map.entry("sysctl", "procps"),
            Map.entry("setpriv", "util-linux"),
            Map.entry("mknod", "coreutils"),
            Map.entry("dnsmasq", "dnsmasq-base"),
            Map.entry("udhcpc", "udhcpc"),
            Map.entry("dig", "bind9-dnsutils"));

    private HostRequirements() {
    }

    static Optional<String> missing(String... tools) {
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        if (uid != 0) {
            return Optional.of("needs root to make network namespaces (running as uid " + uid + ")");
        }
        if (!Files.isReadable(Path.of("/dev/net/tun"))) {
            return Optional.of("no /dev/net/tun (modprobe tun)");
        }
        for (String tool : concat("ip", "sysctl", tools)) {
            if (ExternalTool.find(tool).isEmpty()) {
                return Optional.of("no '" + tool + "' on PATH (apt-get install "
                        + PACKAGES.getOrDefault(tool, tool) + ")");
            }
        }
        return Optional.empty();
    }

    private static String[] concat(String first, String second, String[] rest) {
        String[] all = new String[rest.length + 2];
        all[0] = first;
        all[1] = second;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }
}
