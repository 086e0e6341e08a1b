package dev.jnetlab.labs.check;

/**
 * A congestion-window bound: octets, or segments of the connection's send MSS ({@code tcp
 * show}'s "MSS: send").
 */
public record WindowSize(long amount, Unit unit) {

    public enum Unit {
        OCTETS("octets"),
        SEGMENTS("segments");

        private final String label;

        Unit(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public WindowSize {
        if (amount < 0) {
            throw new IllegalArgumentException("a window is not negative: " + amount);
        }
        if (unit == null) {
            throw new IllegalArgumentException("a window needs a unit");
        }
    }

    /**
     * Reads {@code 2920}, {@code 2920 octets}, {@code 10 segments} (or {@code segment},
     * {@code octet}).
     *
     * @throws IllegalArgumentException saying what would be right
     */
    public static WindowSize parse(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length == 0 || words.length > 2 || !words[0].chars().allMatch(Character::isDigit)
                || words[0].isEmpty() || words[0].length() > 12) {
            throw new IllegalArgumentException("'" + text + "' is not a window size (like 2920, 2920 octets or 10 segments)");
        }
        long amount = Long.parseLong(words[0]);
        if (words.length == 1) {
            return new WindowSize(amount, Unit.OCTETS);
        }
        return switch (words[1]) {
            case "octets", "octet" -> new WindowSize(amount, Unit.OCTETS);
            case "segments", "segment" -> new WindowSize(amount, Unit.SEGMENTS);
            default -> throw new IllegalArgumentException("'" + words[1] + "' is not a unit of a window size (octets or segments)");
        };
    }

    /** The bound in octets for a connection whose segments carry {@code mss} octets. */
    public long octets(int mss) {
        return unit == Unit.OCTETS ? amount : amount * mss;
    }

    @Override
    public String toString() {
        return amount + " " + (amount == 1 ? unit.label().substring(0, unit.label().length() - 1) : unit.label());
    }
}
