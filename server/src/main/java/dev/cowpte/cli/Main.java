package dev.cowpte.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
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

    /** The word given where a subcommand goes, when it names none ({@code cowpte comapre f}). */
    private static String unknownCommand(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getCommandLine().getParent() != null
                || u.getUnmatched().isEmpty()) {
            return null;
        }
        String first = u.getUnmatched().get(0);
        return first.startsWith("-") ? null : first;
    }

    /** The commands a user can give, as {@code --help} lists them (not the hidden ones). */
    static List<String> commands(CommandLine cl) {
        return cl.getSubcommands().entrySet().stream().filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden())
                .map(java.util.Map.Entry::getKey).toList();
    }

    /** An argument past those a subcommand takes ({@code cowpte compare a.cowpte b.cowpte}), or null. */
    private static String extraArgument(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getCommandLine().getParent() == null
                || u.getUnmatched().isEmpty() || u.getUnmatched().get(0).startsWith("-")) {
            return null;
        }
        return u.getUnmatched().get(0);
    }

    /** The first unknown option given ({@code --polcy}, {@code --polcy=x}), or null. */
    private static String unknownOption(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return null;
        }
        String first = u.getUnmatched().get(0);
        if (!first.startsWith("-") || first.equals("-")) {
            return null;
        }
        int eq = first.indexOf('=');
        return eq > 0 ? first.substring(0, eq) : first;
    }

    /** {@code cowpte compare: unknown option '--policy' (did you mean '--policies'?)}, with the command's options. */
    private static void reportUnknownOption(String option, CommandLine.ParameterException ex, PrintWriter e) {
        CommandLine cmd = ex.getCommandLine();
        List<String> names = new java.util.ArrayList<>();
        for (CommandLine.Model.OptionSpec o : cmd.getCommandSpec().options()) {
            if (!o.hidden()) {
                names.addAll(List.of(o.names()));
            }
        }
        String suggestion = option.startsWith("--") ? dev.cowpte.lang.syntax.Suggestions.closest(option, names) : null;
        if (suggestion == null) {
            suggestion = sameStem(option, names);
        }
        String qualified = cmd.getParent() == null ? "cowpte" : "cowpte " + cmd.getCommandName();
        e.println(qualified + ": unknown option '" + option + "'"
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                + "; options: " + String.join(", ", names.stream().filter(n -> n.startsWith("--")).toList())
                + " (" + qualified + " --help)");
    }

    /**
     * The option that shares the longest beginning with {@code option}, four letters after the
     * dashes at least ({@code --policy} for {@code --policies}).
     */
    private static String sameStem(String option, List<String> names) {
        String best = null;
        int bestLength = 0;
        for (String n : names) {
            int k = 0;
            while (k < n.length() && k < option.length() && n.charAt(k) == option.charAt(k)) {
                k++;
            }
            if (n.startsWith("--") && k >= 6 && k > bestLength) {
                best = n;
                bestLength = k;
            }
        }
        return best;
    }

    /**
     * {@code cowpte lsp} and {@code cowpte dap} as editors start them (no option but
     * {@code --stdio}), or null: a server started without picocli's model of the command line,
     * whose building is a good part of the time an editor waits for the server's first answer.
     */
    private static Callable<Integer> stdioServer(String[] args) {
        if (args.length == 0 || args.length > 2 || (args.length == 2 && !args[1].equals("--stdio"))) {
            return null;
        }
        ProtocolTransport transport = new ProtocolTransport();
        transport.stdio = args.length == 2;
        switch (args[0]) {
            case "lsp" -> {
                LspCommand c = new LspCommand();
                c.transport = transport;
                return c;
            }
            case "dap" -> {
                DapCommand c = new DapCommand();
                c.transport = transport;
                return c;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * {@code cowpte run FILES…} and {@code cowpte check FILES…} with no option, the lines a user
     * types most, or null: the command is given its files without picocli's model of the command
     * line (building it takes longer than checking a small scenario). Any option, an {@code @file}
     * of arguments or no file at all goes through picocli, as every other line does.
     */
    private static Callable<Integer> plainLine(String[] args, PrintWriter o, PrintWriter e) {
        if (args.length < 2 || !(args[0].equals("run") || args[0].equals("check"))) {
            return null;
        }
        List<java.nio.file.Path> paths = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
                return null;
            }
            try {
                paths.add(java.nio.file.Path.of(a));
            } catch (java.nio.file.InvalidPathException ex) {
                return null;
            }
        }
        if (args[0].equals("run")) {
            RunCommand c = new RunCommand();
            c.paths = paths;
            c.out = o;
            c.err = e;
            return c;
        }
        CheckCommand c = new CheckCommand();
        c.paths = paths;
        c.out = o;
        return c;
    }

    /** What a command that threw prints: its message, "internal error" when it is not the user's. */
    private static int failed(Exception ex, PrintWriter e) {
        e.println("cowpte: " + (ex instanceof UsageError || ex instanceof ScenarioFile.Unreadable ? "" : "internal error: ")
                + ex.getMessage());
        return ExitCodes.ERROR;
    }

    /** Runs the command line and returns its exit code: 0 passed, 1 an expectation failed, 2 an error. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        Callable<Integer> direct = stdioServer(args);
        if (direct == null) {
            direct = plainLine(args, o, e);
        }
        if (direct != null) {
            try {
                return direct.call();
            } catch (Exception ex) {
                return failed(ex, e);
            } finally {
                o.flush();
                e.flush();
            }
        }
        CommandLine cl = CowpteCommand.line(args);
        if (cl.getSubcommands().size() > 1) {
            List<String> description = new java.util.ArrayList<>(List.of(cl.getCommandSpec().usageMessage().description()));
            description.add("Fork policies (policy NAME):");
            for (dev.cowpte.mm.ForkPolicy p : dev.cowpte.mm.ForkPolicies.all()) {
                description.add(String.format("  %-12s %s", p.name(), p.description().brief()));
            }
            description.add("");
            cl.getCommandSpec().usageMessage().description(description.toArray(String[]::new));
        }
        cl.setOut(o);
        cl.setErr(e);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> failed(ex, e));
        CommandLine.IParameterExceptionHandler usual = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, parsed) -> {
            String option = unknownOption(ex);
            if (option != null) {
                reportUnknownOption(option, ex, e);
                return ExitCodes.ERROR;
            }
            String extra = extraArgument(ex);
            if (extra != null) {
                CommandLine cmd = ex.getCommandLine();
                String takes = String.join(" ", cmd.getCommandSpec().positionalParameters().stream()
                        .map(p -> p.paramLabel() + (p.arity().max() > 1 ? "…" : "")).toList());
                e.println("cowpte " + cmd.getCommandName() + ": one argument too many, '" + extra + "': it takes "
                        + (takes.isEmpty() ? "no argument" : takes) + " (cowpte " + cmd.getCommandName() + " --help)");
                return ExitCodes.ERROR;
            }
            if (ex instanceof CommandLine.MissingParameterException && ex.getCommandLine().getParent() != null) {
                String name = "cowpte " + ex.getCommandLine().getCommandName();
                e.println(name + ": " + ex.getMessage().replace("Missing", "missing") + " (" + name + " --help)");
                return ExitCodes.ERROR;
            }
            String unknown = unknownCommand(ex);
            if (unknown == null) {
                return usual.handleParseException(ex, parsed);
            }
            List<String> commands = commands(cl);
            String suggestion = dev.cowpte.lang.syntax.Suggestions.closest(unknown, commands);
            e.println("cowpte: unknown command '" + unknown + "'"
                    + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                    + "; commands: " + String.join(", ", commands) + " (cowpte --help)");
            return ExitCodes.ERROR;
        });
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return code;
    }
}
