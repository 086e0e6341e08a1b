package dev.jnetlab.labs.engine;

import java.util.List;

/**
 * A step as a person reads it when it begins.
 *
 * @param number       the step, from 1
 * @param steps        how many the lab has
 * @param title        one line
 * @param instructions what to do and why
 * @param suggested    commands worth trying, with the handles of the lab's sockets filled in
 * @param unmade       whether a suggestion names a socket not made yet (it reads {@code H} there)
 * @param host         what to run on the host, when the console is on a tap (empty otherwise)
 * @param hostNote     a remark about the host side (empty when none, or not on a tap)
 */
public record StepView(int number, int steps, String title, String instructions, List<String> suggested,
                       boolean unmade, List<String> host, String hostNote) {
    public StepView {
        suggested = List.copyOf(suggested);
        host = List.copyOf(host);
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Step ").append(number).append(" of ").append(steps).append(": ").append(title).append('\n');
        out.append(instructions.strip()).append('\n');
        if (!suggested.isEmpty()) {
            out.append("\nTry:\n");
            suggested.forEach(command -> out.append("  ").append(command).append('\n'));
            if (unmade) {
                out.append("(H: the handle the command that makes the socket prints, such as tcp#3;"
                        + " the lab names it when it exists)\n");
            }
        }
        if (!host.isEmpty() || !hostNote.isEmpty()) {
            out.append("\nOn the host:\n");
            host.forEach(command -> out.append("  $ ").append(command).append('\n'));
            if (!hostNote.isEmpty()) {
                out.append("  ").append(hostNote.strip().replace("\n", "\n  ")).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }
}
