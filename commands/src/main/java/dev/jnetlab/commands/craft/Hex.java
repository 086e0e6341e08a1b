package dev.jnetlab.commands.craft;

/** Octets as hexadecimal digits without spaces, and back: for the JSON forms. */
final class Hex {
    private Hex() {
    }

    static String compact(byte[] octets) {
        StringBuilder out = new StringBuilder(octets.length * 2);
        for (byte octet : octets) {
            out.append(Character.forDigit((octet >>> 4) & 15, 16)).append(Character.forDigit(octet & 15, 16));
        }
        return out.toString();
    }

    static byte[] parse(String digits) {
        byte[] octets = new byte[digits.length() / 2];
        for (int i = 0; i < octets.length; i++) {
            octets[i] = (byte) Integer.parseInt(digits, 2 * i, 2 * i + 2, 16);
        }
        return octets;
    }
}
