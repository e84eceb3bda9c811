package dev.cowpte.cli;

import dev.cowpte.lsp.server.CowpteLanguageServer;
import dev.cowpte.lsp.server.LspLauncher;
import dev.cowpte.lsp.server.ServerEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = {"Starts the cowpte language server for editors.",
            "",
            "Speaks the Language Server Protocol over stdin/stdout (nothing else is written to "
                + "stdout; logs go to stderr), or with --port on 127.0.0.1 only, for one client. "
                + "Settings (section 'cowpte'): defaultPolicy, runTrigger (onChange|onSave|never), "
                + "debounceMs, stepBudget.",
            "Commands: cowpte.run, cowpte.compare, cowpte.report, cowpte.kernel."},
        footer = {"", "Exit status: 0 after the client's shutdown and exit, 1 when the client went away "
            + "without them, 2 when the server could not start."})
final class LspCommand implements Callable<Integer> {
    @Mixin
    ProtocolTransport transport;

    @Override
    public Integer call() throws IOException {
        return transport.run("lsp", LspCommand::serve);
    }

    private static int serve(PrintStream err, java.io.InputStream in, java.io.OutputStream out) {
        dev.cowpte.lsp.server.FrontEndWarmUp.start();
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
