package dev.jnetlab.stack.iface;

/** Where a route comes from. */
public enum RouteOrigin {
    /** The network of one of the interface's addresses: its hosts are neighbors, reached directly. */
    CONNECTED,
    /** Added by configuration or by hand ({@code route add}, the default gateway). */
    STATIC
}
