package dev.jnetlab.architecture.wrong.host.one;

import dev.jnetlab.architecture.wrong.host.two.Network;

/** One half of a package cycle, as commands.serve and commands.net once were. */
public final class Server {
    Network network;
}
