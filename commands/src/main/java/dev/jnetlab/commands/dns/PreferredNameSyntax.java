package dev.jnetlab.commands.dns;

import java.util.Optional;

/**
 * The names a person may type to be looked up: RFC 1035 section 2.3.1's preferred name syntax,
 * labels of letters, digits and hyphens that begin and end with a letter or digit (a digit
 * first as RFC 1123 section 2.1 allows, so {@code 100.69.168.192.in-addr.arpa} is one). Anything
 * else is refused before a query leaves: a non-ASCII name would go out as raw octets (the
 * console does not turn it into its IDNA {@code xn--} form), which no server holds.
 */
final class PreferredNameSyntax {
    private PreferredNameSyntax() {
    }

    /**
     * Why {@code name}'s characters are not those of a name, for the console's line; empty when
     * they are. The labels' lengths are the resolver's to check ({@code DnsName.normalize}).
     */
    static Optional<String> whyNot(String name) {
        if (!name.chars().allMatch(c -> c < 0x80)) {
            return Optional.of("not a DNS name: " + name + " (IDNA names are not supported; letters, digits and"
                    + " hyphens only, RFC 1035 section 2.3.1)");
        }
        String body = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (body.isEmpty()) {
            return Optional.empty(); // the root
        }
        for (String label : body.split("\\.", -1)) {
            if (!label.chars().allMatch(c -> isLetterOrDigit(c) || c == '-')) {
                return Optional.of("not a DNS name: " + name + " (letters, digits and hyphens only, RFC 1035 section"
                        + " 2.3.1)");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of("not a DNS name: " + name + " (a label begins and ends with a letter or digit,"
                        + " RFC 1035 section 2.3.1)");
            }
        }
        return Optional.empty();
    }

    private static boolean isLetterOrDigit(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
