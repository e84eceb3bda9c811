package dev.cowpte.cli;

import dev.cowpte.dap.server.CowpteDebugServer;
import dev.cowpte.dap.server.DapLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "dap", mixinStandardHelpOptions = true,
        description = {"Starts the cowpte debugger for editors.",
            "",
            "Speaks the Debug Adapter Protocol over stdin/stdout (nothing else is written to stdout; "
                + "logs go to stderr), or with --port on 127.0.0.1 only, for one client. Launch arguments: "
                + "program (a .cowpte file), source (its unsaved text), policy, stopOnEntry, stepBudget. "
                + "Breakpoint conditions are expectations (refcount p buf[0] > 1); the Debug Console "
                + "evaluates quantities (rss p), expectations and show."},
        footer = {"", "The adapter exits after answering the client's disconnect request, or when its input ends.",
            "Exit status: 0 when the client disconnected, 2 when the adapter could not start."})
final class DapCommand implements Callable<Integer> {
    @Mixin
    ProtocolTransport transport;

    @Override
    public Integer call() throws IOException {
        return transport.run("dap", DapCommand::serve);
    }

    private static int serve(PrintStream err, InputStream in, OutputStream out) {
        CowpteDebugServer server = new CowpteDebugServer();
        DapLauncher.Connection c = DapLauncher.start(server, in, out);
        try {
            // after the answer to disconnect, or when the input ends
            c.ended().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            err.println("cowpte dap: the connection failed: " + e.getCause());
        }
        server.session().close();
        return ExitCodes.OK;
    }
}
