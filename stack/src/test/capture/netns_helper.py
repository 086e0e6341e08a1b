#!/usr/bin/env python3
"""Helpers for capture-wire-vectors.sh; every frame stays inside the script's own namespaces.

  netns_helper.py csum-off IFACE           turn off TX checksum offload (ETHTOOL_STXCSUM), so that
                                           captured TCP/UDP checksums are complete, not CHECKSUM_PARTIAL
  netns_helper.py proto253 DST             one IPv4 datagram of protocol 253 (answered: protocol unreachable)
  netns_helper.py bad-option SRC DST       an IPv4 datagram with a malformed option (answered: parameter problem)
  netns_helper.py sack IFACE SRC DST PORT  a hand-made TCP client on AF_PACKET that sends one segment out of
                                           order, so that the Linux peer answers with a SACK block (RFC 2018)
"""
import ctypes, fcntl, socket, struct, sys, time

def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

def csum_off(ifname):
    value = ctypes.create_string_buffer(struct.pack("II", 0x17, 0))  # ETHTOOL_STXCSUM, off
    ifr = struct.pack("16sP", ifname.encode(), ctypes.addressof(value))
    fcntl.ioctl(socket.socket(socket.AF_INET, socket.SOCK_DGRAM), 0x8946, ifr)  # SIOCETHTOOL

def proto253(dst):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 253)
    s.sendto(b"jnetlab protocol 253", (dst, 0))

def bad_option(src, dst):
    # Option: type 7 (record route) with length 2, which is below its minimum of 3 (RFC 791).
    options = bytes([7, 2, 4, 0])
    payload = b"bad option"
    header = struct.pack("!BBHHHBBH4s4s", 0x46, 0, 24 + len(payload), 0x1234, 0, 64, 253, 0,
                         socket.inet_aton(src), socket.inet_aton(dst)) + options
    header = header[:10] + struct.pack("!H", csum(header)) + header[12:]
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.sendto(header + payload, (dst, 0))

def mac(ifname):
    with open("/sys/class/net/%s/address" % ifname) as f:
        return bytes.fromhex(f.read().strip().replace(":", ""))

def sack(ifname, src, dst, port):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
    s.bind((ifname, 0))
    s.settimeout(2)
    src_mac, dst_mac = mac(ifname), bytes.fromhex("020000000001")
    port, sport, iss = int(port), 45000, 1000
    ip_src, ip_dst = socket.inet_aton(src), socket.inet_aton(dst)

    def send(seq, ack, flags, options=b"", data=b""):
        hlen = 20 + len(options)
        tcp = struct.pack("!HHIIBBHHH", sport, port, seq, ack, (hlen // 4) << 4, flags, 64240, 0, 0) + options + data
        pseudo = ip_src + ip_dst + struct.pack("!BBH", 0, 6, len(tcp))
        tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, ip_src, ip_dst)
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        s.send(dst_mac + src_mac + b"\x08\x00" + ip + tcp)

    def receive(want_flags):
        deadline = time.time() + 2
        while time.time() < deadline:
            frame = s.recv(2048)
            ip = frame[14:]
            if ip[9] != 6 or ip[16:20] != ip_src:
                continue
            tcp = ip[(ip[0] & 15) * 4:]
            if struct.unpack("!H", tcp[2:4])[0] == sport and tcp[13] & want_flags == want_flags:
                return struct.unpack("!I", tcp[4:8])[0]
        sys.exit("no answer from the Linux peer")

    send(iss, 0, 0x02, bytes([2, 4, 0x05, 0xB4, 4, 2, 1, 1]))  # SYN: mss 1460, sackOK, nop, nop
    irs = receive(0x12)
    send(iss + 1, irs + 1, 0x10)
    send(iss + 11, irs + 1, 0x18, data=b"0123456789")  # out of order: octets 10..19
    time.sleep(0.2)
    send(iss + 1, irs + 1, 0x18, data=b"ABCDEFGHIJ")  # fills the hole
    time.sleep(0.2)
    send(iss + 21, irs + 1, 0x04)

if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"csum-off": csum_off, "proto253": proto253, "bad-option": bad_option, "sack": sack}[command](*args)
