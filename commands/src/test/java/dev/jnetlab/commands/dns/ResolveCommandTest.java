package dev.jnetlab.commands.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.host.DnsServer;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** resolve, and names where addresses go, against the simulated peer's DNS server (zone lab.). */
class ResolveCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    @Nested
    class Resolve {
        @Test
        void thePeerIsPeerLabInItsOwnDns() {
            assertEquals(";; ->>HEADER<<- status: NOERROR\n"
                    + ";; QUESTION SECTION:\n"
                    + ";peer.lab.\t\t\tIN\tA\n"
                    + "\n"
                    + ";; ANSWER SECTION:\n"
                    + "peer.lab.\t\t300\tIN\tA\t192.168.69.100\n"
                    + "\n"
                    + ";; SERVER: 192.168.69.100#53(UDP)", console.ok("resolve peer.lab").text());
        }

        @Test
        void aCnameChainEndsAtTheAddress() {
            ResolveCommand.Answer answer = console.ok("resolve www.lab", ResolveCommand.Answer.class);
            assertEquals(List.of(new ResolveCommand.Line("www.lab.", 300, "CNAME", "peer.lab."),
                    new ResolveCommand.Line("peer.lab.", 300, "A", "192.168.69.100")), answer.answers());
        }

        @Test
        void anAnswerTooBigForUdpComesOverTcp() {
            ResolveCommand.Answer answer = console.ok("resolve big.lab", ResolveCommand.Answer.class);
            assertEquals("TCP", answer.transport());
            assertEquals(40, answer.answers().size());
            DnsServer server = console.stack((network, now) -> (DnsServer) network.peer().orElseThrow()
                    .service(DnsServer.NAME).orElseThrow());
            assertEquals(1, server.truncatedAnswers());
        }

        @Test
        void minusXAsksForTheNameOfAnAddress() {
            assertEquals(";; ->>HEADER<<- status: NOERROR\n"
                    + ";; QUESTION SECTION:\n"
                    + ";100.69.168.192.in-addr.arpa.\t\t\tIN\tPTR\n"
                    + "\n"
                    + ";; ANSWER SECTION:\n"
                    + "100.69.168.192.in-addr.arpa.\t\t300\tIN\tPTR\tpeer.lab.\n"
                    + "\n"
                    + ";; SERVER: 192.168.69.100#53(UDP)", console.ok("resolve -x 192.168.69.100").text());
        }

        @Test
        void minusXTakesAnAddressAndNoName() {
            console.failsWith("resolve -x peer.lab", "-x: not an IPv4 address: 'peer.lab' (four numbers 0-255 separated by dots, like 192.168.69.1)");
            console.failsWith("resolve peer.lab -x 192.168.69.100",
                    "resolve -x takes an address and no NAME (resolve -x 192.168.69.100)");
        }

        @Test
        void aNameThatDoesNotExistIsNxdomainAndOneWithoutTheTypeNodata() {
            assertEquals("NXDOMAIN", console.ok("resolve nothere.lab", ResolveCommand.Answer.class).status());
            ResolveCommand.Answer nodata = console.ok("resolve peer.lab AAAA", ResolveCommand.Answer.class);
            assertEquals("NOERROR", nodata.status());
            assertTrue(nodata.text().startsWith(";; ->>HEADER<<- status: NOERROR (no AAAA record: NODATA)"));
        }

        @Test
        void theSecondAskingComesFromTheCacheWithItsTtlCountedDown() {
            console.ok("resolve peer.lab");
            console.idle(Micros.ofSeconds(100));
            ResolveCommand.Answer cached = console.ok("resolve peer.lab", ResolveCommand.Answer.class);
            assertNull(cached.server());
            assertEquals(200, cached.answers().get(0).ttl());
            assertTrue(cached.text().endsWith(";; from the cache"));
            assertEquals("peer.lab. A: 192.168.69.100 (200 s left)", console.ok("resolve --cache").text());
            console.idle(Micros.ofSeconds(200));
            assertEquals("192.168.69.100", console.ok("resolve peer.lab", ResolveCommand.Answer.class).server());
        }

        @Test
        void flushEmptiesTheCacheSoTheNextAskingGoesToTheServer() {
            console.ok("resolve peer.lab; resolve www.lab");
            assertEquals("the resolver's cache is empty (2 answers forgotten)", console.ok("resolve --flush").text());
            assertEquals("the resolver's cache is empty", console.ok("resolve --cache").text());
            assertEquals("192.168.69.100", console.ok("resolve peer.lab", ResolveCommand.Answer.class).server());
            console.failsWith("resolve --flush peer.lab", "resolve --flush takes nothing more");
        }

        @Test
        void aServerThatDoesNotAnswerIsAskedTwiceThenTheQueryFails() {
            console.failsWith("resolve peer.lab --server 192.168.69.7",
                    "resolve peer.lab.: no answer from 192.168.69.7 (2 tries, 2 s each)");
        }

        @Test
        void badInputGetsOneLine() {
            console.failsWith("resolve", "resolve: which NAME? (resolve peer.lab)");
            console.failsWith("resolve peer.lab BOGUS",
                    "TYPE: BOGUS is not a record type (A, AAAA, CNAME, PTR, NS, SOA, TXT, MX, or TYPEnn)");
            console.failsWith("resolve a..b", "NAME: not a domain name: a..b (labels of 1 to 63 characters between dots)");
        }

        @Test
        void aNameOutsideLettersDigitsAndHyphensIsRefusedBeforeAnyQueryLeaves() {
            long before = console.clock().now();
            console.failsWith("resolve é.lab", "NAME: not a DNS name: é.lab (IDNA names are not supported; letters,"
                    + " digits and hyphens only, RFC 1035 section 2.3.1)");
            console.failsWith("resolve a_b.lab",
                    "NAME: not a DNS name: a_b.lab (letters, digits and hyphens only, RFC 1035 section 2.3.1)");
            console.failsWith("resolve peer-.lab", "NAME: not a DNS name: peer-.lab (a label begins and ends with a"
                    + " letter or digit, RFC 1035 section 2.3.1)");
            assertEquals(before, console.clock().now(), "no query waited for an answer");
        }
    }

    @Nested
    class NamesWhereAddressesGo {
        @Test
        void pingPeerLab() {
            assertTrue(console.ok("ping -c 1 peer.lab").text().contains("1 packets transmitted, 1 received"),
                    () -> console.ok("ping -c 1 peer.lab").text());
        }

        @Test
        void tcpConnectToANameAndPort() {
            assertTrue(console.ok("tcp connect peer.lab:7").text().contains("192.168.69.100:7"));
        }

        @Test
        void anUnknownNameSaysWhy() {
            console.failsWith("ping nothere.lab", "IP: nothere.lab: no such name (NXDOMAIN from 192.168.69.100)");
        }

        @Test
        void aNonAsciiNameIsRefusedAtOnce() {
            console.failsWith("ping ☃", "IP: not a DNS name: ☃ (IDNA names are not supported; letters, digits and"
                    + " hyphens only, RFC 1035 section 2.3.1)");
        }
    }
}
