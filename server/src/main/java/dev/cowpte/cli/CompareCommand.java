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

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default): a table for people, in at most"
            + " 100 columns; json or csv: every counter of the table under a stable key (its unit in the key or a"
            + " unit field), one value per policy, numbers as numbers")
    String format = "text";

    @Option(names = "--with-thp", description = "run each policy also with machine thp always (columns POLICY+thp):"
            + " the scenario with 4 KiB pages beside it with PMD-mapped 2 MiB pages")
    boolean withThp;

    @Override
    public Integer call() {
        if (!List.of("text", "json", "csv").contains(format)) {
            throw new UsageError("unknown --format '" + format + "'; use text, json or csv");
        }
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
        List<String> problems = PolicyComparison.problems(file.display(), runs);
        String nothing = file.display() + ": not run, nothing to compare";
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case "json" -> sb.append(CompareJsonReport.render(file.display(), runs, problems));
            case "csv" -> {
                // the problems go beside the table, which stays a table
                problems.forEach(spec.commandLine().getErr()::println);
                if (PolicyComparison.noneRan(runs)) {
                    spec.commandLine().getErr().println(nothing);
                }
                sb.append(CompareCsvReport.render(runs));
            }
            default -> {
                problems.forEach(p -> sb.append(p).append('\n'));
                sb.append(PolicyComparison.noneRan(runs) ? nothing + "\n" : CompareTable.render(file.display(), runs));
            }
        }
        PolicyComparison.unreached(file.display(), runs).ifPresent(w -> {
            spec.commandLine().getErr().println(w);
            spec.commandLine().getErr().flush();
        });
        RunCommand.write(spec, output, sb.toString());
        return PolicySelection.exitCode(runs);
    }
}
