package dev.jnetlab.architecture.wrong.host.two;

import dev.jnetlab.architecture.wrong.host.one.Server;

/** The other half of the package cycle. */
public final class Network {
    Server server;
}
