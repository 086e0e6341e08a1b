package dev.jnetlab.host;

import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The services {@code serve} knows: server-example (smoltcp 0.1's {@code examples/server.rs}),
 * echo (RFC 862), discard (RFC 863), chargen (RFC 864) and http (a small HTTP/1.0 server).
 */
public final class Servers {
    /** The names, as {@code serve NAME} takes them. */
    public static final List<String> NAMES = List.of("server-example", "echo", "discard", "chargen", "http");
    /**
     * Queue sizes of the ordinary services: 64 KiB, so that echo, discard, chargen and http are
     * limited by the stack rather than by their window (8 KiB held a soak to a third of the kernel's).
     */
    public static final int BUFFER = 64 * 1024;
    /**
     * The receive queue of discard: a sink reads at once, so its window is limited only by this,
     * and a sender's congestion window, not the receiver's, sets its pace (as against a Linux
     * sink, whose window grows to megabytes).
     */
    public static final int DISCARD_RECEIVE_BUFFER = 256 * 1024;
    /** Queue sizes of server-example, so that resource exhaustion is easy to see. */
    public static final int EXAMPLE_BUFFER = 64;

    private Servers() {
    }

    /** The well-known port of a service. */
    public static int defaultPort(String name) {
        return switch (name) {
            case "server-example" -> 6969;
            case "echo" -> 7;
            case "discard" -> 9;
            case "chargen" -> 19;
            case "http" -> 80;
            default -> throw new IllegalArgumentException("no service " + name);
        };
    }

    /** A new, not yet started server. */
    public static Server create(String name, int port) {
        return switch (name) {
            case "server-example" -> new ServerExample(port);
            case "echo" -> new Echo(port);
            case "discard" -> new Discard(port);
            case "chargen" -> new Chargen(port);
            case "http" -> new Http(port);
            default -> throw new IllegalArgumentException("no service " + name);
        };
    }

    /**
     * What the simulated peer runs from the start: echo, discard, chargen, http on their ports;
     * a DHCP server for 192.168.69.50-192.168.69.99 (router and DNS server: the peer); a DNS
     * server in which the peer is {@code peer.lab} (ARCHITECTURE.md §8).
     */
    public static void startPeerDefaults(Host peer) {
        for (String name : List.of("echo", "discard", "chargen", "http")) {
            peer.addService(create(name, defaultPort(name)).start(peer));
        }
        Ipv4Address self = peer.iface().addresses().get(0).address();
        peer.addService(new DhcpServer(PEER_POOL_FIRST, PEER_POOL_LAST, DhcpServer.DEFAULT_LEASE_SECONDS,
                Optional.of(self), List.of(self)).start(peer));
        peer.addService(new DnsServer(DnsZone.ofNodes(Map.of("peer", List.of(self)))).start(peer));
    }

    /** The pool of the simulated peer's DHCP server. */
    public static final Ipv4Address PEER_POOL_FIRST = Ipv4Address.parse("192.168.69.50");
    public static final Ipv4Address PEER_POOL_LAST = Ipv4Address.parse("192.168.69.99");

    /** RFC 862: sends back what arrives, over TCP and UDP. */
    static final class Echo extends Server {
        private final byte[] buffer = new byte[BUFFER];

        Echo(int port) {
            super("echo", port, true, BUFFER, BUFFER);
        }

        @Override
        protected Connection connection(TcpSocket socket) {
            return new Connection(socket) {
                @Override
                protected boolean serve() throws TcpException {
                    int room;
                    while ((room = room(socket)) > 0 && socket.canRecv()) {
                        int n = socket.recv(buffer, 0, Math.min(room, buffer.length));
                        socket.send(buffer, 0, n);
                    }
                    if (!socket.canRecv()) {
                        socket.recv(buffer, 0, 0); // end of stream throws
                    }
                    return true;
                }
            };
        }

        @Override
        protected void datagram(UdpSocket socket, IpEndpoint from, int length) throws SocketException.Send {
            socket.sendTo(from, datagram, 0, length);
        }
    }

    /** RFC 863: takes what arrives and says nothing. */
    static final class Discard extends Server {
        private final byte[] buffer = new byte[BUFFER];

        Discard(int port) {
            super("discard", port, true, DISCARD_RECEIVE_BUFFER, BUFFER);
        }

        @Override
        protected Connection connection(TcpSocket socket) {
            return new Connection(socket) {
                @Override
                protected boolean serve() throws TcpException {
                    while (socket.recv(buffer, 0, buffer.length) > 0) {
                        // discarded
                    }
                    return true;
                }
            };
        }
    }

    /** RFC 864: the 72-character rotating lines of the 95 printable ASCII characters, for as long as the client reads. */
    static final class Chargen extends Server {
        static final int LINE = 72;
        private final byte[] buffer = new byte[BUFFER];

        Chargen(int port) {
            super("chargen", port, true, BUFFER, BUFFER);
        }

        /** Octet {@code position} of the endless stream. */
        static byte at(long position) {
            long line = position / (LINE + 2);
            int column = (int) (position % (LINE + 2));
            if (column == LINE) {
                return '\r';
            }
            if (column == LINE + 1) {
                return '\n';
            }
            return (byte) (' ' + (line + column) % 95);
        }

        @Override
        protected Connection connection(TcpSocket socket) {
            return new Connection(socket) {
                private long position;

                @Override
                protected boolean serve() throws TcpException {
                    while (socket.recv(buffer, 0, buffer.length) > 0) {
                        // what the client sends is ignored
                    }
                    int room = Math.min(room(socket), buffer.length);
                    for (int i = 0; i < room; i++) {
                        buffer[i] = at(position + i);
                    }
                    position += socket.send(buffer, 0, room);
                    return true;
                }
            };
        }

        @Override
        protected void datagram(UdpSocket socket, IpEndpoint from, int length) throws SocketException.Send {
            // RFC 864 over UDP: one datagram of a random number of characters (0 to 512); here one line.
            for (int i = 0; i < LINE + 2; i++) {
                datagram[i] = at(i);
            }
            socket.sendTo(from, datagram, 0, LINE + 2);
        }
    }

    /** A small HTTP/1.0 server: GET / is a page about jnetlab and the request; anything else 404; closes after answering. */
    static final class Http extends Server {
        static final int MAX_REQUEST = 4096;
        /** What a connection reads into before its request begins: nothing (recv of no octets only says whether the stream ended). */
        private static final byte[] NO_REQUEST = new byte[0];

        Http(int port) {
            super("http", port, false, BUFFER, BUFFER);
        }

        @Override
        protected Connection connection(TcpSocket socket) {
            return new Connection(socket) {
                /**
                 * Made when the request's first octets are there, not at the accept: a connection
                 * that has sent nothing (ten thousand a client holds open) holds no array.
                 */
                private byte[] request = NO_REQUEST;
                private int length;
                private byte[] answer;
                private int sent;

                @Override
                protected boolean serve() throws TcpException {
                    if (answer == null) {
                        if (request == NO_REQUEST && socket.canRecv()) {
                            request = new byte[MAX_REQUEST];
                        }
                        boolean ended = false;
                        try {
                            length += socket.recv(request, length, request.length - length);
                        } catch (TcpException.Recv e) {
                            ended = true;
                        }
                        if (ended || complete(request, length) || length == MAX_REQUEST) {
                            answer = answer(new String(request, 0, length, StandardCharsets.ISO_8859_1),
                                    socket.remote());
                        }
                    }
                    if (answer != null) {
                        sent += socket.send(answer, sent, answer.length - sent);
                        return sent < answer.length;
                    }
                    return true;
                }
            };
        }

        private static boolean complete(byte[] data, int length) {
            for (int i = 0; i + 1 < length; i++) {
                if (data[i] == '\n' && (data[i + 1] == '\n'
                        || (data[i + 1] == '\r' && i + 2 < length && data[i + 2] == '\n'))) {
                    return true;
                }
            }
            return false;
        }

        /** The whole answer, status line to body, to {@code request} from {@code client}. */
        static byte[] answer(String request, IpEndpoint client) {
            int end = request.indexOf('\n');
            String first = (end < 0 ? request : request.substring(0, end)).strip();
            String[] words = first.split(" ");
            String status;
            String body;
            if (words.length >= 2 && words[0].equals("GET") && (words[1].equals("/") || words[1].equals("/index.html"))) {
                status = "200 OK";
                body = "<!DOCTYPE html>\n<html><head><title>jnetlab</title></head><body>\n"
                        + "<h1>Hello from jnetlab</h1>\n"
                        + "<p>This page was served by jnetlab, a user-space TCP/IP stack in Java, "
                        + "a re-creation of smoltcp's design.</p>\n"
                        + "<p>Your request, from " + escape(client.toString()) + ":</p>\n<pre>"
                        + escape(request.stripTrailing()) + "</pre>\n</body></html>\n";
            } else if (words.length >= 2 && (words[0].equals("GET") || words[0].equals("HEAD"))) {
                status = "404 Not Found";
                body = "<!DOCTYPE html>\n<html><body><h1>404 Not Found</h1><p>"
                        + escape(words[1]) + " is not here; try /</p></body></html>\n";
            } else {
                status = "400 Bad Request";
                body = "<!DOCTYPE html>\n<html><body><h1>400 Bad Request</h1></body></html>\n";
            }
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.0 " + status + "\r\nServer: jnetlab\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + "Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n";
            boolean headOnly = words.length >= 1 && words[0].toUpperCase(Locale.ROOT).equals("HEAD");
            byte[] top = head.getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[top.length + (headOnly ? 0 : content.length)];
            System.arraycopy(top, 0, all, 0, top.length);
            if (!headOnly) {
                System.arraycopy(content, 0, all, top.length, content.length);
            }
            return all;
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }

    /**
     * smoltcp 0.1's {@code examples/server.rs}: UDP 6969 answers any datagram with "yo dawg";
     * TCP 6969 answers every chunk of input with the chunk reversed (its newlines dropped, one
     * newline after), indefinitely; every queue is 64 octets.
     */
    static final class ServerExample extends Server {
        private static final byte[] YO_DAWG = "yo dawg".getBytes(StandardCharsets.US_ASCII);
        private final byte[] chunk = new byte[EXAMPLE_BUFFER];

        ServerExample(int port) {
            super("server-example", port, true, EXAMPLE_BUFFER, EXAMPLE_BUFFER);
        }

        @Override
        public String where() {
            return "TCP and UDP " + port() + ", 64-octet buffers";
        }

        @Override
        protected UdpSocket newUdpSocket() {
            return new UdpSocket(1, EXAMPLE_BUFFER, 1, EXAMPLE_BUFFER);
        }

        @Override
        protected Connection connection(TcpSocket socket) {
            return new Connection(socket) {
                @Override
                protected boolean serve() throws TcpException {
                    int room;
                    while ((room = room(socket)) > 1 && socket.canRecv()) {
                        int n = socket.recv(chunk, 0, Math.min(room - 1, chunk.length));
                        int kept = 0;
                        for (int i = 0; i < n; i++) {
                            if (chunk[i] != '\n') {
                                chunk[kept++] = chunk[i];
                            }
                        }
                        for (int i = 0, j = kept - 1; i < j; i++, j--) {
                            byte b = chunk[i];
                            chunk[i] = chunk[j];
                            chunk[j] = b;
                        }
                        chunk[kept] = '\n';
                        socket.send(chunk, 0, kept + 1);
                    }
                    if (!socket.canRecv()) {
                        socket.recv(chunk, 0, 0);
                    }
                    return true;
                }
            };
        }

        @Override
        protected void datagram(UdpSocket socket, IpEndpoint from, int length) throws SocketException.Send {
            socket.sendTo(from, YO_DAWG, 0, YO_DAWG.length);
        }
    }
}
