package dev.cowpte.cli;

import dev.cowpte.lsp.server.StdoutGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import picocli.CommandLine.Option;

/**
 * How {@code cowpte lsp} and {@code cowpte dap} talk to their editor: over stdin/stdout (where
 * stdout then carries nothing but the protocol) or one connection on a loopback port. A picocli
 * mixin, so both commands take the same options with the same checks.
 */
final class ProtocolTransport {
    /** Speaks the protocol over the streams until the client goes; returns the exit code. */
    interface Server {
        int serve(PrintStream err, InputStream in, OutputStream out);
    }

    @Option(names = "--stdio", description = "speak over stdin/stdout (the default; editors pass it)")
    boolean stdio;

    @Option(names = "--port", paramLabel = "N", description = "listen on 127.0.0.1:N instead (0 picks a free port)")
    Integer port;

    int run(String name, Server server) throws IOException {
        PrintStream err = System.err;
        if (port != null && stdio) {
            throw new UsageError("--stdio and --port exclude each other");
        }
        if (port == null) {
            return server.serve(err, System.in, StdoutGuard.claim());
        }
        if (port < 0 || port > 65535) {
            throw new UsageError("--port " + port + ": not a TCP port");
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            err.println("cowpte " + name + ": listening on 127.0.0.1:" + listener.getLocalPort());
            err.flush();
            try (Socket s = listener.accept()) {
                listener.close();
                return server.serve(err, s.getInputStream(), s.getOutputStream());
            }
        }
    }
}
