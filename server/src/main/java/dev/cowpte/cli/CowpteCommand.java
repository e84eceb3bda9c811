package dev.cowpte.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "cowpte",
        mixinStandardHelpOptions = true,
        versionProvider = CowpteCommand.Version.class,
        subcommands = {RunCommand.class, CompareCommand.class, ReportCommand.class, CheckCommand.class, KernelCommand.class,
                CalibrateCommand.class,
                LspCommand.class, DapCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class},
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
    @Spec
    CommandSpec spec;

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
