package dev.cowpte.cli;

import dev.cowpte.lsp.server.CowpteLanguageServer;
import dev.cowpte.lsp.server.LspLauncher;
import dev.cowpte.lsp.server.ServerEnvironment;
import dev.cowpte.lsp.server.StdoutGuard;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = {"Starts the cowpte language server for editors.",
            "",
            "Speaks the Language Server Protocol over stdin/stdout (nothing else is written to "
                + "stdout; logs go to stderr), or with --port on 127.0.0.1 only, for one client. "
                + "Settings (section 'cowpte'): defaultPolicy, runTrigger (onChange|onSave|never), "
                + "debounceMs, stepBudget.",
            "Commands: cowpte.run, cowpte.compare, cowpte.report."},
        footer = {"", "Exit status: 0 after the client's shutdown and exit, 1 when the client went away "
            + "without them, 2 when the server could not start."})
final class LspCommand implements Callable<Integer> {
    @Option(names = "--stdio", description = "speak over stdin/stdout (the default; editors pass it)")
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
            var out = StdoutGuard.claim();
            return serve(err, System.in, out);
        }
        if (port < 0 || port > 65535) {
            throw new UsageError("--port " + port + ": not a TCP port");
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            err.println("cowpte lsp: listening on 127.0.0.1:" + listener.getLocalPort());
            err.flush();
            try (Socket s = listener.accept()) {
                listener.close();
                return serve(err, s.getInputStream(), s.getOutputStream());
            }
        }
    }

    private static int serve(PrintStream err, java.io.InputStream in, java.io.OutputStream out) {
        ServerEnvironment env = ServerEnvironment.production(CompareTable::render, err);
        CowpteLanguageServer server = new CowpteLanguageServer(env);
        LspLauncher.Connection c = LspLauncher.start(server, in, out);
        try {
            c.listening().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            err.println("cowpte lsp: the connection failed: " + e.getCause());
        }
        return server.shutdownRequested() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
