package dev.jnetlab.labs;

import dev.jnetlab.stack.phy.FilterSyntaxException;
import dev.jnetlab.stack.phy.TraceFilter;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console commands of ARCHITECTURE.md §5, as a checker of words: what a lab's solution may use
 * while the console's own command classes are being written on another branch. Each method
 * returns null when the words fit the contract, or what is wrong. Commands that are
 * registered in this module (lab, help, sleep, quit) are checked by picocli instead.
 */
public final class ContractCommands {
    /** Every command word of ARCHITECTURE.md §5 (and §8's DHCP, DNS, topology and {@code set} contract, issue 17's {@code ndp}). */
    public static final Set<String> NAMES = Set.of("help", "iface", "stats", "ip", "route", "arp", "ping", "udp", "tcp",
            "sockets", "trace", "fault", "capture", "serve", "bench", "lab", "sleep", "quit", "exit",
            "craft", "send", "sr", "dhcp", "resolve", "ndp", "topo", "node", "traceroute", "clock",
            "set");
    private static final Set<String> LAYERS = Set.of("tcp", "udp", "icmp", "arp", "raw");
    private static final Set<String> SERVICES = Set.of("server-example", "echo", "discard", "chargen", "http");
    private static final Pattern HANDLE = Pattern.compile("((tcp|udp|icmp)#)?[1-9][0-9]*");
    private static final Pattern COUNT = Pattern.compile("[0-9]+");
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private ContractCommands() {
    }

    /** Null when {@code words} are a command of the contract, else the problem. */
    public static String check(List<String> words) {
        if (words.get(0).length() > 1 && words.get(0).endsWith(":")) {
            // NAME: COMMAND runs one command on a node of the topology (ARCHITECTURE.md §8).
            return words.size() < 2 ? words.get(0) + " needs a command" : check(words.subList(1, words.size()));
        }
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        return switch (name) {
            case "iface", "stats", "sockets", "ndp" -> args.isEmpty() ? null : name + " takes no arguments";
            case "ip" -> args.size() == 2 && (args.get(0).equals("add") || args.get(0).equals("del"))
                    && (cidr(args.get(1)) || cidr6(args.get(1))) ? null : "ip add CIDR | ip del CIDR";
            case "route" -> args.isEmpty() || args.size() == 4 && args.get(0).equals("add") && cidr(args.get(1))
                    && args.get(2).equals("via") && ip(args.get(3)) || args.size() == 2 && args.get(0).equals("del")
                    && cidr(args.get(1)) || args.equals(List.of("flush", "cache")) ? null
                    : "route | route add CIDR via IP | route del CIDR | route flush cache";
            case "arp" -> arp(args);
            case "ping" -> ping(args);
            case "udp" -> udp(args);
            case "tcp" -> tcp(args);
            case "trace" -> trace(args);
            case "fault" -> fault(args);
            case "capture" -> args.size() == 2 && args.get(0).equals("start") || args.equals(List.of("stop"))
                    || args.size() >= 2 && args.get(0).equals("read")
                    ? null : "capture start FILE | capture stop | capture read FILE [FILTER]";
            case "serve" -> serve(args);
            case "send" -> send(args);
            case "craft" -> !args.isEmpty() && LAYERS.contains(args.get(0)) ? null : "craft tcp|udp|icmp|arp|raw WORDS...";
            case "sr" -> craftWords(args.size() >= 2 && args.get(0).equals("--timeout") && SECONDS.matcher(args.get(1)).matches()
                    ? args.subList(2, args.size()) : args) ? null : "sr [--timeout SEC] tcp|udp|icmp|arp|raw WORDS...";
            case "bench" -> bench(args);
            default -> NAMES.contains(name) ? null : "not a command of ARCHITECTURE.md §5: " + name;
        };
    }

    /** Whether {@code words} make a socket, and of which kind: what a handle number will count. */
    public static boolean makesSocket(List<String> words) {
        return words.size() >= 2 && (words.get(0).equals("udp") && words.get(1).equals("bind")
                || words.get(0).equals("tcp") && (words.get(1).equals("connect") || words.get(1).equals("listen")));
    }

    /** The handle number a command uses, or 0. */
    private static boolean craftWords(List<String> args) {
        return !args.isEmpty() && LAYERS.contains(args.get(0));
    }

    public static int handleUsed(List<String> words) {
        int like = words.indexOf("like");
        if ((words.get(0).equals("craft") || words.get(0).equals("sr")) && like > 0 && like + 1 < words.size()
                && HANDLE.matcher(words.get(like + 1)).matches()) {
            String handle = words.get(like + 1);
            return Integer.parseInt(handle.substring(handle.indexOf('#') + 1));
        }
        if (words.size() >= 3 && (words.get(0).equals("udp") || words.get(0).equals("tcp"))
                && !Set.of("bind", "listen", "connect").contains(words.get(1)) && HANDLE.matcher(words.get(2)).matches()) {
            String handle = words.get(2);
            return Integer.parseInt(handle.substring(handle.indexOf('#') + 1));
        }
        return 0;
    }

    private static String arp(List<String> args) {
        boolean ok = args.isEmpty() || args.equals(List.of("flush"))
                || args.size() == 3 && args.get(0).equals("add") && ip(args.get(1)) && mac(args.get(2))
                || args.size() == 2 && args.get(0).equals("del") && ip(args.get(1));
        return ok ? null : "arp | arp flush | arp add IP MAC | arp del IP";
    }

    private static String ping(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        while (rest.size() >= 2 && rest.get(0).startsWith("-")) {
            if (rest.get(0).equals("-4") || rest.get(0).equals("-6")) {
                rest.remove(0); // a name's family, no value
                continue;
            }
            String option = rest.remove(0);
            String value = rest.remove(0);
            boolean ok = switch (option) {
                case "-c", "-s", "-t" -> COUNT.matcher(value).matches();
                case "-i", "-W" -> SECONDS.matcher(value).matches();
                default -> false;
            };
            if (!ok) {
                return "ping [-c N] [-i SEC] [-s SIZE] [-W SEC] IP: bad " + option + " " + value;
            }
        }
        // On a topology a node's name is an address (ARCHITECTURE.md §5: ping h2).
        return rest.size() == 1 && (ip(rest.get(0)) || ip6(rest.get(0)) || NODE.matcher(rest.get(0)).matches()) ? null
                : "ping [-c N] [-i SEC] [-s SIZE] [-W SEC] [-t TTL] IP|NODE";
    }

    private static String udp(List<String> args) {
        if (args.isEmpty()) {
            return "udp bind|send|recv";
        }
        List<String> rest = args.subList(1, args.size());
        boolean ok = switch (args.get(0)) {
            case "bind" -> rest.size() == 1 && port(rest.get(0));
            case "send" -> rest.size() == 3 && handle(rest.get(0)) && endpoint(rest.get(1));
            case "recv" -> !rest.isEmpty() && handle(rest.get(0)) && recvOptions(rest.subList(1, rest.size()));
            default -> false;
        };
        return ok ? null : "udp bind PORT | udp send H IP:PORT TEXT | udp recv H [--hex] [--wait SEC]";
    }

    private static String tcp(List<String> args) {
        if (args.isEmpty()) {
            return "tcp needs a sub-command";
        }
        List<String> rest = args.subList(1, args.size());
        boolean ok = switch (args.get(0)) {
            case "listen" -> !rest.isEmpty() && port(rest.get(0)) && countOptions(rest.subList(1, rest.size()),
                    Set.of("--backlog", "--half-open", "--syncookies"));
            case "plot" -> !rest.isEmpty() && handle(rest.get(0)) && plotOptions(rest.subList(1, rest.size()));
            case "connect" -> rest.size() == 1 && endpoint(rest.get(0))
                    || rest.size() == 3 && endpoint(rest.get(0)) && rest.get(1).equals("--port") && port(rest.get(2));
            case "send" -> rest.size() == 2 && handle(rest.get(0)) && !rest.get(1).equals("--file")
                    || rest.size() == 3 && handle(rest.get(0)) && rest.get(1).equals("--file");
            case "recv" -> !rest.isEmpty() && handle(rest.get(0)) && recvOptions(rest.subList(1, rest.size()));
            case "watch", "unwatch", "close", "abort", "ladder" -> rest.size() == 1 && handle(rest.get(0));
            case "show" -> rest.isEmpty() || rest.size() == 1 && handle(rest.get(0));
            default -> false;
        };
        return ok ? null : "not a tcp command of ARCHITECTURE.md §5: tcp " + String.join(" ", args);
    }

    /** Options that each take a count ({@code --backlog 16}), each at most once. */
    private static boolean countOptions(List<String> options, Set<String> names) {
        List<String> rest = new ArrayList<>(options);
        Set<String> seen = new java.util.HashSet<>();
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (!names.contains(option) || !seen.add(option) || rest.isEmpty() || !COUNT.matcher(rest.remove(0)).matches()) {
                return false;
            }
        }
        return true;
    }

    /** {@code tcp plot H [--cwnd] [--ascii] [--svg FILE]} (ARCHITECTURE.md §8). */
    private static boolean plotOptions(List<String> options) {
        List<String> rest = new ArrayList<>(options);
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (option.equals("--cwnd") || option.equals("--ascii")) {
                continue;
            }
            if (!option.equals("--svg") || rest.isEmpty() || rest.remove(0).startsWith("-")) {
                return false;
            }
        }
        return true;
    }

    /** {@code send [-c N] [-i SEC] [--rand-source CIDR]}. */
    private static String send(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        while (rest.size() >= 2) {
            String option = rest.remove(0);
            String value = rest.remove(0);
            boolean ok = switch (option) {
                case "-c" -> COUNT.matcher(value).matches();
                case "-i" -> SECONDS.matcher(value).matches();
                case "--rand-source" -> cidr(value);
                default -> false;
            };
            if (!ok) {
                return "send [-c N] [-i SEC] [--rand-source CIDR]: bad " + option + " " + value;
            }
        }
        return rest.isEmpty() ? null : "send [-c N] [-i SEC] [--rand-source CIDR]";
    }

    private static boolean recvOptions(List<String> options) {
        List<String> rest = new ArrayList<>(options);
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (option.equals("--hex")) {
                continue;
            }
            if (!option.equals("--wait") || rest.isEmpty() || !SECONDS.matcher(rest.remove(0)).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String trace(List<String> args) {
        if (args.equals(List.of("off")) || args.equals(List.of("hex", "on")) || args.equals(List.of("hex", "off"))
                || args.equals(List.of("on"))) {
            return null;
        }
        if (args.size() >= 2 && args.get(0).equals("on")) {
            int from = args.get(1).equals("-v") ? 2 : 1;
            if (from == args.size()) {
                return null;
            }
            try {
                TraceFilter.parse(String.join(" ", args.subList(from, args.size())));
                return null;
            } catch (FilterSyntaxException e) {
                return "trace on FILTER: " + e.getMessage();
            }
        }
        return "trace on [FILTER] | trace off | trace hex on|off";
    }

    private static String fault(List<String> args) {
        if (args.isEmpty() || args.equals(List.of("off"))) {
            return null;
        }
        String option = args.get(0);
        List<String> values = args.subList(1, args.size());
        // 'fault drop 100 in icmp6': the faults hit only the frames of one direction that a trace filter takes.
        int scope = Math.max(values.indexOf("in"), values.indexOf("out"));
        if (scope >= 0) {
            try {
                dev.jnetlab.stack.phy.TraceFilter.parse(String.join(" ", values.subList(scope + 1, values.size())));
            } catch (dev.jnetlab.stack.phy.FilterSyntaxException e) {
                return "fault ... in|out FILTER: " + e.getMessage();
            }
            values = values.subList(0, scope);
        }
        boolean ok = switch (option) {
            case "drop", "corrupt", "reorder", "duplicate" -> values.size() == 1 && SECONDS.matcher(values.get(0)).matches()
                    && Double.parseDouble(values.get(0)) <= 100;
            case "size-limit", "tx-rate", "rx-rate", "interval" -> values.size() == 1 && COUNT.matcher(values.get(0)).matches();
            case "delay" -> (values.size() == 1 || values.size() == 2) && values.stream().allMatch(v -> COUNT.matcher(v).matches());
            default -> false;
        };
        return ok ? null : "not a fault command of ARCHITECTURE.md §5: fault " + String.join(" ", args);
    }

    private static String serve(List<String> args) {
        boolean ok = args.isEmpty()
                || args.size() <= 2 && SERVICES.contains(args.get(0)) && (args.size() == 1 || port(args.get(1)))
                || args.size() == 2 && args.get(0).equals("stop") && (SERVICES.contains(args.get(1)) || args.get(1).equals("all"));
        return ok ? null : "serve | serve NAME [PORT] | serve stop NAME|all";
    }

    private static String bench(List<String> args) {
        boolean ok = !args.isEmpty() && Set.of("tcp-reader", "tcp-writer", "loopback").contains(args.get(0))
                && (args.size() == 1 || args.size() == 3 && args.get(1).equals("--bytes") && COUNT.matcher(args.get(2)).matches());
        return ok ? null : "bench tcp-reader | bench tcp-writer | bench loopback [--bytes N]";
    }

    private static boolean handle(String word) {
        return HANDLE.matcher(word).matches();
    }

    private static boolean port(String word) {
        return COUNT.matcher(word).matches() && word.length() <= 5 && Integer.parseInt(word) <= 65535;
    }

    /** A topology's node name: h1, r1, s2. */
    private static final java.util.regex.Pattern NODE = java.util.regex.Pattern.compile("[a-z][a-z0-9-]*");

    private static boolean ip(String word) {
        try {
            Ipv4Address.parse(word);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Issue 17: {@code ping fd00::100}. */
    private static boolean ip6(String word) {
        try {
            dev.jnetlab.stack.wire.Ipv6Address.parse(word);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Issue 17: {@code ip add fd00::1/64}, a prefix length of 1 to 128. */
    private static boolean cidr6(String word) {
        int slash = word.indexOf('/');
        return slash > 0 && ip6(word.substring(0, slash)) && word.substring(slash + 1).matches("[0-9]{1,3}")
                && Integer.parseInt(word.substring(slash + 1)) >= 1 && Integer.parseInt(word.substring(slash + 1)) <= 128;
    }

    private static boolean cidr(String word) {
        try {
            Ipv4Cidr.parse(word);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean mac(String word) {
        try {
            MacAddress.parse(word);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean endpoint(String word) {
        // On a topology a node's name is an address (ARCHITECTURE.md §5: tcp connect h2:8080).
        int colon = word.lastIndexOf(':');
        if (colon > 0 && NODE.matcher(word.substring(0, colon)).matches() && word.substring(colon + 1).matches("\\d{1,5}")) {
            return true;
        }
        try {
            IpEndpoint.parse(word); // either family: [fd00::100]:7 (issue 17's tcp connect [ADDR]:PORT)
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
