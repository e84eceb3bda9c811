package dev.cowpte.cli;

import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs scenarios and checks their expectations.",
            "Problems are reported as file:line:col: message, then a summary per file."},
        footer = {"", "Exit status: 0 every expectation held, 1 an expectation failed, 2 an error."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "scenario files; directories are searched for *.cowpte")
    List<Path> paths;

    @Option(names = "--policy", paramLabel = "POLICY",
            description = "fork policy before the first 'policy' statement (default classic): ${COMPLETION-CANDIDATES}",
            completionCandidates = PolicyNames.class)
    String policy = "classic";

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, junit or ktap")
    String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path output;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "most statements a scenario may execute, repeat iterations included (default ${DEFAULT-VALUE})")
    long maxSteps = RunOptions.DEFAULT_STEP_BUDGET;

    @Option(names = "--check-invariants",
            description = "check the simulator's invariants after every statement (slower; reports a broken one as an error)")
    boolean checkInvariants;

    /** Where the command writes when it runs without picocli ({@link Main}'s plain lines); else null. */
    PrintWriter out;
    PrintWriter err;

    @Override
    public Integer call() {
        Report report = Report.named(format);
        RunOptions options = options(policy, maxSteps, checkInvariants).withStatesRecorded(report.readsStates());
        List<FileRun> runs = new ArrayList<>();
        int code = ExitCodes.OK;
        TerminalProgress progress = TerminalProgress.of(err != null ? err : spec.commandLine().getErr());
        for (ScenarioFile f : ScenarioFile.collect(paths)) {
            long t0 = System.nanoTime();
            RunResult r;
            String text = null;
            try {
                text = f.read();
                r = ScenarioRunner.run(text, options, progress.run(f.display(), text));
            } catch (ScenarioFile.Unreadable e) {
                r = new RunResult(null, options.policyOverride(), List.of(), List.of(e.diagnostic));
            }
            progress.done();
            if (text != null) {
                PrintWriter notes = err != null ? err : spec.commandLine().getErr();
                dev.cowpte.kernel.RulesAdvice.onThisKernel(text).ifPresent(n -> notes.println(f.display() + ": note: " + n));
            }
            runs.add(new FileRun(f, r, (System.nanoTime() - t0) / 1e9, text));
            code = ExitCodes.worst(code, r.exitCode());
        }
        write(out != null ? out : spec.commandLine().getOut(), output, report.render(runs));
        return code;
    }

    static RunOptions options(String policy, long maxSteps, boolean checkInvariants) {
        if (ForkPolicies.byName(policy).isEmpty()) {
            String suggestion = dev.cowpte.lang.syntax.Suggestions.closest(policy, ForkPolicies.names());
            throw new UsageError("unknown policy '" + policy + "'"
                    + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                    + "; known: " + String.join(", ", ForkPolicies.names()));
        }
        if (maxSteps <= 0) {
            throw new UsageError("--max-steps must be positive");
        }
        return RunOptions.defaults().withInitialPolicy(policy).withStepBudget(maxSteps)
                .withInvariantChecks(checkInvariants);
    }

    static void write(CommandSpec spec, Path output, String text) {
        write(spec.commandLine().getOut(), output, text);
    }

    /** {@code text} to {@code output}, or to {@code out} when there is no output file. */
    static void write(PrintWriter out, Path output, String text) {
        if (output == null) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError(output + ": cannot write (" + e.getMessage() + ")");
        }
    }

    /** The policy names, for help and completion. */
    static final class PolicyNames extends ArrayList<String> {
        PolicyNames() {
            super(ForkPolicies.names());
        }
    }
}
