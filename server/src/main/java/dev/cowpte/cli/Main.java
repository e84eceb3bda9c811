package dev.cowpte.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code cowpte} executable. {@link #execute} is the entry point tests call in-process. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (dev.cowpte.lsp.server.StdoutGuard.stdioServer(args)) {
            dev.cowpte.lsp.server.StdoutGuard.claim();
        }
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line and returns its exit code: 0 passed, 1 an expectation failed, 2 an error. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(new CowpteCommand());
        cl.setOut(o);
        cl.setErr(e);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            e.println("cowpte: " + (ex instanceof UsageError || ex instanceof ScenarioFile.Unreadable ? "" : "internal error: ") + ex.getMessage());
            return ExitCodes.ERROR;
        });
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return code;
    }
}
