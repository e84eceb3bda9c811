package dev.cowpte.cli;

import dev.cowpte.dap.server.CowpteDebugServer;
import dev.cowpte.dap.server.DapLauncher;
import dev.cowpte.lsp.server.StdoutGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dap", mixinStandardHelpOptions = true,
        description = {"Starts the cowpte debugger for editors.",
            "",
            "Speaks the Debug Adapter Protocol over stdin/stdout (nothing else is written to stdout; "
                + "logs go to stderr), or with --port on 127.0.0.1 only, for one client. Launch arguments: "
                + "program (a .cowpte file), source (its unsaved text), policy, stopOnEntry, stepBudget. "
                + "Breakpoint conditions are expectations (refcount p buf[0] > 1); the Debug Console "
                + "evaluates quantities (rss p), expectations and show."},
        footer = {"", "Exit status: 0 when the client disconnected, 2 when the adapter could not start."})
final class DapCommand implements Callable<Integer> {
    @Option(names = "--stdio", description = "speak over stdin/stdout (the default)")
    boolean stdio;

    @Option(names = "--port", paramLabel = "N", description = "listen on 127.0.0.1:N instead (0 picks a free port)")
    Integer port;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        if (port != null && stdio) {
            throw new UsageError("--stdio and --port exclude each other");
        }
        if (port == null) {
            return serve(err, System.in, StdoutGuard.claim());
        }
        if (port < 0 || port > 65535) {
            throw new UsageError("--port " + port + ": not a TCP port");
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            err.println("cowpte dap: listening on 127.0.0.1:" + listener.getLocalPort());
            err.flush();
            try (Socket s = listener.accept()) {
                listener.close();
                return serve(err, s.getInputStream(), s.getOutputStream());
            }
        }
    }

    private static int serve(PrintStream err, InputStream in, OutputStream out) {
        CowpteDebugServer server = new CowpteDebugServer();
        DapLauncher.Connection c = DapLauncher.start(server, in, out);
        try {
            c.listening().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            err.println("cowpte dap: the connection failed: " + e.getCause());
        }
        server.session().close();
        return ExitCodes.OK;
    }
}
