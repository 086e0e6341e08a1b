package dev.jnetlab.commands.settings;

import dev.jnetlab.commands.text.Suggestions;
import dev.jnetlab.host.settings.Assignment;
import dev.jnetlab.host.settings.SettingException;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.stack.socket.SocketKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one reader of option names and values, for {@code set}, {@code tcp set}, {@code udp set}
 * and the {@code tcp:} map of a lab file: each says the same thing about the same words.
 * {@code buffer} names both of TCP's buffers; {@code congestion}, {@code receive-buffer} and
 * {@code send-buffer} are the lab files' older names for {@code cc}, {@code rcvbuf} and
 * {@code sndbuf}; {@code keepalive-idle} is {@code keepalive}, named beside
 * {@code keepalive-interval} and {@code keepalive-count}.
 */
public final class SettingWords {
    /** Names that stand for others (a lab file's older words, keepalive's name beside its interval and count). */
    private static final Map<String, String> ALIASES = Map.of("congestion", "cc", "receive-buffer", "rcvbuf",
            "send-buffer", "sndbuf", "keepalive-idle", "keepalive");
    private static final List<String> KINDS = List.of("tcp", "udp", "icmp");

    private SettingWords() {
    }

    /**
     * What {@code set NAME VALUE} sets: {@code tcp.buffer 64K} is both of TCP's buffers.
     *
     * @throws SettingException when the name or the value is not one
     */
    public static List<Assignment> parse(String qualifiedName, String value) throws SettingException {
        int dot = qualifiedName.indexOf('.');
        String kindWord = dot < 0 ? "" : qualifiedName.substring(0, dot);
        SocketKind kind = kind(kindWord);
        if (kind == null) {
            throw new SettingException("'" + qualifiedName + "' is not a setting: settings are named KIND.OPTION, "
                    + "KIND one of " + String.join(", ", KINDS) + " (set tcp.sack off); 'set' lists them");
        }
        return parse(kind, qualifiedName.substring(dot + 1), value, qualifiedName);
    }

    /**
     * What {@code NAME VALUE} sets on a socket of {@code kind} ({@code tcp set H sack off}, a lab
     * file's {@code tcp: {buffer: 64}}).
     *
     * @throws SettingException when the name or the value is not one
     */
    public static List<Assignment> parse(SocketKind kind, String name, String value) throws SettingException {
        return parse(kind, name, value, name);
    }

    /** A name that stands for several options ({@code buffer}) is named in an error as typed, {@code typed}, not as one of them. */
    private static List<Assignment> parse(SocketKind kind, String name, String value, String typed) throws SettingException {
        List<SocketOption> options = options(kind, name);
        List<Assignment> assignments = new ArrayList<>(options.size());
        for (SocketOption option : options) {
            assignments.add(new Assignment(option, options.size() > 1 ? option.parse(value, typed) : option.parse(value)));
        }
        return List.copyOf(assignments);
    }

    /** The options {@code name} stands for on a socket of {@code kind}. */
    public static List<SocketOption> options(SocketKind kind, String name) throws SettingException {
        String word = ALIASES.getOrDefault(name, name);
        if (kind == SocketKind.TCP && word.equals("buffer")) {
            return List.of(SocketOption.SNDBUF, SocketOption.RCVBUF);
        }
        for (SocketOption option : SocketOption.values()) {
            if (named(option, kind) && option.word().equals(word)) {
                return List.of(option);
            }
        }
        List<String> names = names(kind);
        throw new SettingException("'" + name + "' is not a " + kind.label() + " option"
                + Suggestions.didYouMean(name, names) + "; they are: " + String.join(", ", names));
    }

    /** The option names of a kind, as typed: {@code buffer} first for TCP, then the options in order. */
    public static List<String> names(SocketKind kind) {
        List<String> names = new ArrayList<>();
        if (kind == SocketKind.TCP) {
            names.add("buffer");
        }
        for (SocketOption option : SocketOption.values()) {
            if (named(option, kind)) {
                names.add(option.word());
            }
        }
        return List.copyOf(names);
    }

    /** Whether {@code option} is named after {@code kind}: a listener's ({@code tcp.backlog}) are TCP's too. */
    private static boolean named(SocketOption option, SocketKind kind) {
        return option.kind() == kind || kind == SocketKind.TCP && option.kind() == SocketKind.TCP_LISTENER;
    }

    /** Every name {@code set} takes, {@code tcp.buffer} included (for completion and help). */
    public static List<String> qualifiedNames() {
        List<String> names = new ArrayList<>();
        for (String kind : KINDS) {
            for (String name : names(kind(kind))) {
                names.add(kind + "." + name);
            }
        }
        return List.copyOf(names);
    }

    private static SocketKind kind(String word) {
        return switch (word) {
            case "tcp" -> SocketKind.TCP;
            case "udp" -> SocketKind.UDP;
            case "icmp" -> SocketKind.ICMP;
            default -> null;
        };
    }
}
