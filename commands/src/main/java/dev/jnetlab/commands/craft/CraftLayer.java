package dev.jnetlab.commands.craft;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The first word of {@code craft LAYER WORDS...}: the topmost layer of the frame, which
 * decides the layers below it and the field words it takes. Every IP layer also takes the
 * IPv4 and Ethernet words, and every layer but {@code raw} the Ethernet words.
 */
public enum CraftLayer {
    TCP("tcp", "to", "from", "like", "flags", "seq", "ack", "win", "urg", "opt", "off", "csum", "data"),
    UDP("udp", "to", "from", "len", "csum", "data"),
    ICMP("icmp", "echo", "echo-reply", "type", "code", "to", "from", "id", "seq", "csum", "data"),
    ARP("arp", "request", "reply", "op", "to", "to-mac", "from", "from-mac"),
    RAW("raw");

    /** The words of the IPv4 header, after a TCP, UDP or ICMP layer's own. */
    public static final List<String> IP_WORDS =
            List.of("ttl", "ip-id", "tos", "df", "mf", "frag", "proto", "ip-len", "ip-csum");
    /** The words of the Ethernet header, after any layer's but raw's. */
    public static final List<String> ETHER_WORDS = List.of("src-mac", "dst-mac", "ethertype");

    private final String word;
    private final List<String> fields;

    CraftLayer(String word, String... fields) {
        this.word = word;
        this.fields = List.of(fields);
    }

    /** The word that names the layer. */
    public String word() {
        return word;
    }

    /** Every field word the layer takes, its own first. */
    public List<String> words() {
        if (this == RAW) {
            return fields;
        }
        List<String> ip = this == ARP ? List.of() : IP_WORDS;
        return Stream.of(fields, ip, ETHER_WORDS).flatMap(List::stream).toList();
    }

    /** Every field word of every layer, once each, sorted: what completion offers after the layer. */
    public static List<String> fieldWords() {
        TreeSet<String> all = new TreeSet<>();
        for (CraftLayer layer : values()) {
            all.addAll(layer.words());
        }
        return List.copyOf(all);
    }

    /** Whether the word is a flag that takes no value ({@code df}, {@code echo}). */
    static boolean isBare(String word) {
        return switch (word) {
            case "df", "mf", "echo", "echo-reply", "request", "reply" -> true;
            default -> false;
        };
    }

    /** The layer a word names, or null. */
    public static CraftLayer of(String word) {
        for (CraftLayer layer : values()) {
            if (layer.word.equals(word)) {
                return layer;
            }
        }
        return null;
    }
}
