package dev.cowpte.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "cowpte",
        mixinStandardHelpOptions = true,
        versionProvider = CowpteCommand.Version.class,
        description = {
            "Runs .cowpte scenarios of Linux page tables on a simulator of classic",
            "fork and other fork designs, and checks their expectations.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  cowpte run samples/                      run every scenario under samples/",
            "  cowpte run --format junit --output report.xml samples/",
            "  cowpte compare samples/redis-snapshot.cowpte  one fork under each policy",
            "  cowpte report samples/redis-snapshot.cowpte -o report.html",
            "  cowpte check my.cowpte                   syntax and name checks only",
            "  cowpte kernel samples/shared-memory.cowpte  and on this Linux kernel",
            "  cowpte lsp                               language server for editors (stdio)",
            "",
            "Exit status: 0 every expectation held, 1 an expectation failed,",
            "2 an error in a scenario (syntax, names, refused call, SIGSEGV not expected,",
            "out of memory) or on the command line; cowpte kernel: 4 nothing was",
            "compared with the kernel (no scenario ran on it)."})
final class CowpteCommand implements Runnable {
    /**
     * The subcommands by name, in the order {@code --help} lists them. Picocli reads a command's
     * options from its class when it is added, and that reading (and the classes it loads) is
     * most of the CLI's start: {@link #line(String[])} adds only the command a line names.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    @Spec
    CommandSpec spec;

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("run", RunCommand.class);
        m.put("compare", CompareCommand.class);
        m.put("report", ReportCommand.class);
        m.put("check", CheckCommand.class);
        m.put("kernel", KernelCommand.class);
        m.put("calibrate", CalibrateCommand.class);
        m.put("lsp", LspCommand.class);
        m.put("dap", DapCommand.class);
        m.put("bench", BenchCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

    /** The command line with every subcommand, as {@code cowpte --help} shows it. */
    static CommandLine line() {
        CommandLine cl = new CommandLine(new CowpteCommand());
        SUBCOMMANDS.forEach(cl::addSubcommand);
        return cl;
    }

    /**
     * The command line for {@code args}: when they begin with a subcommand's name, only that
     * subcommand (its options, its help, its errors are all a line naming it can reach); else
     * every one, for the top-level help and the unknown command's suggestions.
     */
    static CommandLine line(String[] args) {
        if (args.length > 0 && !args[0].equals("help") && SUBCOMMANDS.containsKey(args[0])) {
            CommandLine cl = new CommandLine(new CowpteCommand());
            cl.addSubcommand(args[0], SUBCOMMANDS.get(args[0]));
            return cl;
        }
        return line();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: "
                + String.join(", ", Main.commands(spec.commandLine())));
    }

    /** The version from the jar's build (filtered resource), so --version tells what was built. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = CowpteCommand.class.getResourceAsStream("/cowpte-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "cowpte " + p.getProperty("version", "unknown"),
                "scenario language version 1; fork policies: "
                        + String.join(", ", dev.cowpte.mm.ForkPolicies.names()),
                "Java " + System.getProperty("java.version")};
        }
    }
}
