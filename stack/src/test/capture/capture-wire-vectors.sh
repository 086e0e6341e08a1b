#!/bin/sh
# Captures the genuine Linux frames embedded in the wire layer's tests (WireVectors.java).
#
# Three namespaces of our own, nothing else is touched and no frame leaves them:
#   wire-a  192.168.69.100/24  02:00:00:00:00:02  the client (default route via .1)
#   wire-b  192.168.69.1/24    02:00:00:00:00:01  the server, and a router to 10.0.0.0/24
#           10.0.0.1/24 (MTU 1280)
#   wire-c  10.0.0.2/24                           a host behind the router
# tcpdump listens on wire-a's interface and writes OUT (default wire-vectors.pcap).
# Run as root: sh capture-wire-vectors.sh [OUT]; takes about 10 seconds.
set -eu
OUT=$(realpath "${1:-wire-vectors.pcap}")
HERE=$(dirname "$(realpath "$0")")
HELPER="python3 $HERE/netns_helper.py"
A="ip netns exec wire-a"
B="ip netns exec wire-b"
C="ip netns exec wire-c"

cleanup() {
    for ns in wire-a wire-b wire-c; do ip netns del $ns 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup

for ns in wire-a wire-b wire-c; do
    ip netns add $ns
    ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n $ns link set lo up
done
ip link add wva netns wire-a address 02:00:00:00:00:02 type veth peer name wvb netns wire-b address 02:00:00:00:00:01
ip link add wvr netns wire-b address 02:00:00:00:01:01 type veth peer name wvc netns wire-c address 02:00:00:00:01:02
ip -n wire-a addr add 192.168.69.100/24 dev wva
ip -n wire-b addr add 192.168.69.1/24 dev wvb
ip -n wire-b addr add 10.0.0.1/24 dev wvr
ip -n wire-c addr add 10.0.0.2/24 dev wvc
ip -n wire-b link set wvr mtu 1280
ip -n wire-c link set wvc mtu 1280
$A $HELPER csum-off wva
$B $HELPER csum-off wvb
for link in "wire-a wva" "wire-b wvb" "wire-b wvr" "wire-c wvc"; do set -- $link; ip -n $1 link set $2 up; done
ip -n wire-a route add default via 192.168.69.1
ip -n wire-c route add default via 10.0.0.1
$B sysctl -qw net.ipv4.ip_forward=1
# The hand-made SACK client uses an address its own kernel does not hold, so that kernel stays silent.
ip -n wire-b neigh add 192.168.69.101 lladdr 02:00:00:00:00:02 dev wvb

$A tcpdump -i wva -U -s 0 -w "$OUT" 2>/dev/null &
TCPDUMP=$!
sleep 1

# ARP request and reply, then ICMP echo request and reply (RFC 826, RFC 792).
$A ping -c 1 -p 6a6e65746c6162 192.168.69.1 >/dev/null
# TCP: handshake with every option Linux offers, data both ways, FIN both ways (RFC 9293).
$B socat TCP-LISTEN:6969,reuseaddr SYSTEM:'head -c 6 >/dev/null; echo yo dawg' &
SERVER=$!
sleep 0.3
printf 'hello\n' | $A socat -t 2 TCP:192.168.69.1:6969,sourceport=51234 - >/dev/null
wait $SERVER
# TCP: a SYN to a closed port is answered with RST (RFC 9293 section 3.10.7.1).
$A socat -u /dev/null TCP:192.168.69.1:7,sourceport=51235 2>/dev/null || true
# UDP (RFC 768), then UDP to a closed port: ICMP port unreachable (RFC 1122 section 3.2.2.1).
$B socat -u UDP-RECV:6969 OPEN:/dev/null &
SERVER=$!
sleep 0.3
printf 'yo dawg' | $A socat -u - UDP:192.168.69.1:6969,sourceport=40000
printf 'knock' | $A socat -u - UDP:192.168.69.1:9999,sourceport=40001
sleep 0.2
kill $SERVER
# IPv4 fragments: a 2000-octet echo request and its reply, each in two fragments (RFC 791).
$A ping -c 1 -s 2000 192.168.69.1 >/dev/null
# IPv4 options: record route (RFC 791 section 3.1).
$A ping -c 1 -R 192.168.69.1 >/dev/null
# The router: time exceeded (ttl 1), fragmentation needed (RFC 1191), host unreachable (no ARP answer).
$A ping -c 1 -t 1 10.0.0.2 >/dev/null || true
$A ping -c 1 -M do -s 1400 10.0.0.2 >/dev/null || true
$A ping -c 1 -W 5 10.0.0.99 >/dev/null || true
# Protocol unreachable and parameter problem, answered by wire-b's kernel.
$A $HELPER proto253 192.168.69.1
$A $HELPER bad-option 192.168.69.100 192.168.69.1
# SACK (RFC 2018): a segment out of order makes Linux answer with a SACK block.
$B socat -u TCP-LISTEN:6970,reuseaddr OPEN:/dev/null &
SERVER=$!
sleep 0.3
$A $HELPER sack wva 192.168.69.101 192.168.69.1 6970
sleep 0.5
kill $SERVER 2>/dev/null || true
sleep 1
kill $TCPDUMP
wait $TCPDUMP 2>/dev/null || true
tcpdump -nn -r "$OUT" 2>/dev/null | wc -l
