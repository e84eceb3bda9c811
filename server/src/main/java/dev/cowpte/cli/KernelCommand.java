package dev.cowpte.cli;

import dev.cowpte.kernel.KernelComparison;
import dev.cowpte.kernel.KernelReport;
import dev.cowpte.lang.syntax.ScenarioIdentity;
import dev.cowpte.run.RunOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = {"Runs scenarios on the running Linux kernel too, and compares its numbers with the simulation.",
            "Sets the kernel's numbers beside the simulated ones: VmPTE, RssAnon, RssShmem and minor faults of"
                + " every process after each statement, PageTables of the scenario's processes, and every"
                + " expectation the kernel can answer (mapcounts from /proc/kpagecount, values through"
                + " /proc/PID/mem).",
            "Each scenario process is a real process at the very addresses the simulator picks; forks are the"
                + " kernel's own (classic). A small C helper does the work: it is built from the source inside"
                + " cowpte with the system C compiler on first use. Mapcounts need readable pfns (CAP_SYS_ADMIN).",
            "What the kernel cannot do (a sharing fork policy, a read-only pin) is reported as not comparable,"
                + " with the reason. A scenario whose machine lines describe another kernel (machine pt-reclaim"
                + " or machine levels other than this kernel's), or that would not fit in the machine's free"
                + " memory, is not run on the kernel; without such lines the simulation takes this kernel's"
                + " settings.",
            "A call that fails on one side only (refused by the kernel and made by the simulation, or the"
                + " other way round), a SIGSEGV on one side only, or a process that dies on the kernel while the"
                + " simulation's lives, is a disagreement with both sides shown; that process is compared no more.",
            "Each file ends with its verdict: agrees (every value compared is the kernel's; \"agrees, but\" when"
                + " an expectation fails), DISAGREES, NOT RUN on the kernel, or ERROR, and says how many"
                + " expectations and counters were compared on the kernel; the last line counts"
                + " these, and the files with failed expectations apart."},
        footer = {"", "Exit status: 0 every scenario run on the kernel agrees with it and every expectation held on"
                + " both (a scenario not run on the kernel counts by its simulation), 1 a disagreement or a failed"
                + " expectation, 2 an error, 4 nothing was compared with the kernel: no file was run on it (not"
                + " Linux, every scenario refused) and nothing else failed."})
final class KernelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "scenario files; directories are searched for *.cowpte")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, junit or ktap")
    String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path output;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "most statements a scenario may execute, repeat iterations included (default ${DEFAULT-VALUE})")
    long maxSteps = RunOptions.DEFAULT_STEP_BUDGET;

    @Override
    public Integer call() {
        if (!List.of("text", "json", "junit", "ktap").contains(format)) {
            throw new UsageError("unknown --format '" + format + "'; use text, json, junit or ktap");
        }
        RunOptions options = RunCommand.options("classic", maxSteps, false).withStatesRecorded(false);
        KernelComparison comparison = KernelComparison.here();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = Progress.on(err);
        List<KernelFileRun> runs = new ArrayList<>();
        int code = ExitCodes.OK;
        for (ScenarioFile f : ScenarioFile.collect(paths)) {
            KernelReport r;
            String identity;
            try {
                String text = f.read();
                identity = ScenarioIdentity.of(text);
                r = comparison.run(text, options, progress.forFile(f.display()));
            } catch (ScenarioFile.Unreadable e) {
                throw new UsageError(e.getMessage());
            } finally {
                progress.done();
            }
            runs.add(new KernelFileRun(f, r, identity));
            code = ExitCodes.worst(code, r.exitCode());
        }
        if (code == ExitCodes.OK && runs.stream().noneMatch(r -> r.report().ranOnKernel())) {
            code = ExitCodes.NOT_COMPARED;
        }
        String text = switch (format) {
            case "json" -> KernelJsonReport.render(runs);
            case "junit" -> KernelJunitReport.render(runs);
            case "ktap" -> KernelKtapReport.render(runs);
            default -> KernelTextReport.render(runs);
        };
        RunCommand.write(spec, output, text);
        return code;
    }

    /** The kernel comparison's stage and line on the shared progress line of the command line. */
    static final class Progress {
        private final TerminalProgress line;

        private Progress(TerminalProgress line) {
            this.line = line;
        }

        static Progress on(PrintWriter err) {
            return new Progress(TerminalProgress.of(err));
        }

        KernelComparison.Progress forFile(String file) {
            if (!line.on()) {
                return KernelComparison.Progress.NONE;
            }
            return (stage, at) -> line.show(file + (at > 0 ? ":" + at : "") + ": " + stage);
        }

        void done() {
            line.done();
        }
    }
}
