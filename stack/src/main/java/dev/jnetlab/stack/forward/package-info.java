/**
 * Forwarding between links: {@link dev.jnetlab.stack.forward.Router}, an IPv4 router after
 * RFC 1812, and {@link dev.jnetlab.stack.forward.LearningSwitch}, an Ethernet bridge after
 * IEEE 802.1D's learning and ageing. Neither is a host: they own no sockets and answer only
 * what RFC 1812 has a router answer itself (ARP, echo, ICMP errors). Like the interface they
 * take {@code now} and allocate nothing per frame (ARCHITECTURE.md §3, §4).
 */
package dev.jnetlab.stack.forward;
