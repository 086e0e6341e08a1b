package dev.jnetlab.netns;

import java.util.List;

/** What a peer command did: its command line, exit status and everything it printed. */
public record PeerResult(List<String> command, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this result, or fails the test with the command's own output when it did not succeed. */
    public PeerResult assertSuccess() {
        if (!succeeded()) {
            throw new AssertionError(String.join(" ", command) + " exited " + exitCode
                    + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr);
        }
        return this;
    }
}
