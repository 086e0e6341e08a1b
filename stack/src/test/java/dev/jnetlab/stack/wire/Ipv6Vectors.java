package dev.jnetlab.stack.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IPv6 frames captured from Linux 6.x on a veth pair between two namespaces (02:00:00:00:00:02 with
 * fd00::100 and 02:00:00:00:00:01 with fd00::1), Ethernet header included.
 */
public final class Ipv6Vectors {
    private Ipv6Vectors() {
    }

    /** An MLDv2 report from fe80::ff:fe00:2 to ff02::16 behind a hop-by-hop header with router alert and PadN (RFC 3810 section 5.2): 2 group records. */
    public static final byte[] MLD_REPORT = HexBytes.parse(""
            + "33330000001602000000000286dd6000000000380001fe80000000000000000000fffe000002ff020000000000000000"
            + "0000000000163a000502000001008f006eeb0000000204000000ff0200000000000000000001ff00000204000000ff02"
            + "00000000000000000001ff000100"
    );

    /** Linux's duplicate address detection for fe80::ff:fe00:2: from ::, to the solicited-node group, with a nonce option (RFC 7527) and no link-layer address (RFC 4862 section 5.4.2). */
    public static final byte[] DAD_SOLICIT = HexBytes.parse(""
            + "3333ff00000202000000000286dd6000000000203aff00000000000000000000000000000000ff020000000000000000"
            + "0001ff0000028700076500000000fe80000000000000000000fffe0000020e01d72c17877901"
    );

    /** A router solicitation from fe80::ff:fe00:2 to ff02::2 with its source link-layer address 02:00:00:00:00:02. */
    public static final byte[] ROUTER_SOLICIT = HexBytes.parse(""
            + "33330000000202000000000286dd6000000000103afffe80000000000000000000fffe000002ff020000000000000000"
            + "00000000000285007b2a000000000101020000000002"
    );

    /** Linux asking for fd00::1 from fd00::100, to ff02::1:ff00:1, with its source link-layer address. */
    public static final byte[] NEIGHBOR_SOLICIT = HexBytes.parse(""
            + "3333ff00000102000000000286dd6000000000203afffd000000000000000000000000000100ff020000000000000000"
            + "0001ff00000187007c9900000000fd0000000000000000000000000000010101020000000002"
    );

    /** ping -6 fd00::1 from fd00::100: id 11734, seq 1, 56 octets of data. */
    public static final byte[] ECHO_REQUEST = HexBytes.parse(""
            + "02000000000102000000000286dd6007cd3e00403a40fd000000000000000000000000000100fd000000000000000000"
            + "000000000001800022de2dd6000130fc166b000000002493090000000000101112131415161718191a1b1c1d1e1f2021"
            + "22232425262728292a2b2c2d2e2f3031323334353637"
    );

    /** ping -6 -s 1600 fd00::1: the first fragment, offset 0, more fragments, 1448 octets of the ICMPv6 message. */
    public static final byte[] FRAGMENT_FIRST = HexBytes.parse(""
            + "02000000000102000000000286dd6007cd3e05b02c40fd000000000000000000000000000100fd000000000000000000"
            + "0000000000013a0000018a3c3b7f800043522dd7000130fc166b000000008fa609000000000010111213141516171819"
            + "1a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243444546474849"
            + "4a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f70717273747576777879"
            + "7a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9"
            + "aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9"
            + "dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff00010203040506070809"
            + "0a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233343536373839"
            + "3a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60616263646566676869"
            + "6a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f90919293949596979899"
            + "9a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9"
            + "cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9"
            + "fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526272829"
            + "2a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f50515253545556575859"
            + "5a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f80818283848586878889"
            + "8a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9"
            + "babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9"
            + "eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f10111213141516171819"
            + "1a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243444546474849"
            + "4a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f70717273747576777879"
            + "7a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9"
            + "aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9"
            + "dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff00010203040506070809"
            + "0a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233343536373839"
            + "3a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60616263646566676869"
            + "6a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f90919293949596979899"
            + "9a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9"
            + "cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9"
            + "fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526272829"
            + "2a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f50515253545556575859"
            + "5a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f80818283848586878889"
            + "8a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
    );

    /** The last fragment of that ping, offset 1448, 160 octets. */
    public static final byte[] FRAGMENT_LAST = HexBytes.parse(""
            + "02000000000102000000000286dd6007cd3e00a82c40fd000000000000000000000000000100fd000000000000000000"
            + "0000000000013a0005a88a3c3b7fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1"
            + "c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1"
            + "f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021"
            + "22232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
    );

    /** A UDP datagram "hi" from fd00::100 port 44018 to fd00::1 port 7; the veth left its checksum to be offloaded, so it is completed here (0xf074). */
    public static final byte[] UDP = HexBytes.parse(""
            + "02000000000102000000000286dd6004b73a000a1140fd000000000000000000000000000100fd000000000000000000"
            + "000000000001abf20007000af0746869"
    );

    /** Linux answering for fd00::1: solicited and override, with its target link-layer address 02:00:00:00:00:01. */
    public static final byte[] NEIGHBOR_ADVERT = HexBytes.parse(""
            + "02000000000202000000000186dd6000000000203afffd000000000000000000000000000001fd000000000000000000"
            + "00000000010088001b9e60000000fd0000000000000000000000000000010201020000000001"
    );

    /** Linux's echo reply from fd00::1 to fd00::100. */
    public static final byte[] ECHO_REPLY = HexBytes.parse(""
            + "02000000000202000000000186dd600cb90700403a40fd000000000000000000000000000001fd000000000000000000"
            + "0000000001008100ef1c2f3100013dfc166b0000000047f90a0000000000101112131415161718191a1b1c1d1e1f2021"
            + "22232425262728292a2b2c2d2e2f3031323334353637"
    );

    /** Linux's port unreachable for a UDP datagram to fd00::1 port 7, quoting it whole. */
    public static final byte[] PORT_UNREACHABLE = HexBytes.parse(""
            + "02000000000202000000000186dd600c3c26003a3a40fd000000000000000000000000000001fd000000000000000000"
            + "0000000001000104238100000000600c57f2000a1140fd000000000000000000000000000100fd000000000000000000"
            + "000000000001b81f0007000afb1d6869"
    );

    /** Every vector by name, in the order above. */
    public static final Map<String, byte[]> ALL = all();

    private static Map<String, byte[]> all() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("mld_report", MLD_REPORT);
        all.put("dad_solicit", DAD_SOLICIT);
        all.put("router_solicit", ROUTER_SOLICIT);
        all.put("neighbor_solicit", NEIGHBOR_SOLICIT);
        all.put("echo_request", ECHO_REQUEST);
        all.put("fragment_first", FRAGMENT_FIRST);
        all.put("fragment_last", FRAGMENT_LAST);
        all.put("udp", UDP);
        all.put("neighbor_advert", NEIGHBOR_ADVERT);
        all.put("echo_reply", ECHO_REPLY);
        all.put("port_unreachable", PORT_UNREACHABLE);
        return all;
    }
}
