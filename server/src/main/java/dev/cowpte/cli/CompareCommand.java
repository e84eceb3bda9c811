package dev.cowpte.cli;

import dev.cowpte.run.PolicyComparison;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import dev.cowpte.run.RunOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Runs one scenario under several fork policies, side by side.",
            "Tabulates page-table memory, rss, faults and the work each policy did.",
            "",
            "The compared policy is the policy before the first 'policy' statement and replaces "
                + "every 'policy' statement; a 'fork P -> C policy X' keeps its X. Per process the "
                + "numbers are those at the end of the scenario, or just before the process exited. "
                + "Failed expectations are counted in the table, not treated as failures (they are "
                + "usually written for one policy). When no fork takes the compared policy, the columns "
                + "are alike and a warning says so."},
        footer = {"", "Example:", "  cowpte compare samples/redis-snapshot.cowpte --policies classic,cow-pte,odf",
            "", "Exit status: 0 every run completed, 2 an error in the scenario under some policy "
            + "or on the command line."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1", paramLabel = "FILE", description = "the scenario to compare")
    Path path;

    @Mixin
    PolicySelection selection;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the table to FILE")
    Path output;

    @Option(names = "--with-thp", description = "run each policy also with machine thp always (columns POLICY+thp):"
            + " the scenario with 4 KiB pages beside it with PMD-mapped 2 MiB pages")
    boolean withThp;

    @Override
    public Integer call() {
        RunOptions base = selection.base();
        ScenarioFile file = PolicySelection.oneFile(path, "compare");
        String text = file.read();
        TerminalProgress progress = TerminalProgress.of(spec.commandLine().getErr());
        List<PolicyRun> runs;
        try {
            runs = PolicyComparison.compare(text, selection.policies, base, withThp,
                    column -> progress.run(file.display() + " [" + column + "]", text));
        } finally {
            progress.done();
        }
        StringBuilder sb = new StringBuilder();
        for (String problem : PolicyComparison.problems(file.display(), runs)) {
            sb.append(problem).append('\n');
        }
        if (PolicyComparison.noneRan(runs)) {
            sb.append(file.display()).append(": not run, nothing to compare\n");
        } else {
            sb.append(CompareTable.render(file.display(), runs));
        }
        PolicyComparison.unreached(file.display(), runs).ifPresent(w -> {
            spec.commandLine().getErr().println(w);
            spec.commandLine().getErr().flush();
        });
        RunCommand.write(spec, output, sb.toString());
        return PolicySelection.exitCode(runs);
    }
}
