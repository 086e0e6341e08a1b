package dev.jnetlab.labs;

import dev.jnetlab.labs.check.Check;
import dev.jnetlab.labs.check.TcpOptions;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One step of a lab.
 *
 * @param title        one line
 * @param instructions what to do and why, citing the RFC section it illustrates
 * @param suggested    console commands worth trying (shown, never run)
 * @param checks       what must have been seen for the step to be done; at least one
 * @param hints        shown one at a time by {@code lab hint}, in order
 * @param learned      what finishing the step taught, shown when it is done
 * @param ladderPort   when present, the step records the first TCP connection to or from this
 *                     port and shows its ladder diagram when the step is done
 * @param tcp          TCP settings for the sockets made during this step, over the lab's own
 *                     (what is empty keeps the lab's)
 * @param peerAddresses addresses the simulated peer takes as well from this step on, until the lab
 *                     stops (a host configured by hand with an address a DHCP server hands out:
 *                     a conflict on purpose); the virtual network only
 * @param solution     the console commands that complete the step on the virtual network
 * @param fails        those of them meant to fail (a connection refused by a closed port): the
 *                     failure is the lesson, and the solution's test requires it
 * @param host         what to run on the host side in tap mode (socat, ping, curl, nmap)
 * @param hostNote     a remark on the host side in tap mode; empty when none
 */
public record LabStep(String title, String instructions, List<String> suggested, List<Check> checks,
                      List<String> hints, String learned, OptionalInt ladderPort, TcpOptions tcp,
                      List<Ipv4Cidr> peerAddresses, List<String> solution,
                      List<String> fails, List<String> host, String hostNote) {
    public LabStep {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(instructions, "instructions");
        suggested = List.copyOf(suggested);
        checks = List.copyOf(checks);
        hints = List.copyOf(hints);
        Objects.requireNonNull(learned, "learned");
        Objects.requireNonNull(ladderPort, "ladderPort");
        Objects.requireNonNull(tcp, "tcp");
        peerAddresses = List.copyOf(peerAddresses);
        solution = List.copyOf(solution);
        fails = List.copyOf(fails);
        host = List.copyOf(host);
        Objects.requireNonNull(hostNote, "hostNote");
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a step has at least one check");
        }
    }
}
