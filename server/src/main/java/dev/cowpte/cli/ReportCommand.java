package dev.cowpte.cli;

import dev.cowpte.report.ReportWriter;
import dev.cowpte.run.PolicyComparison;
import dev.cowpte.run.RunOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes one self-contained HTML page (inline SVG and CSS, no script, no network) about "
                + "one scenario under several fork policies: a timeline of page-table bytes and rss per "
                + "process and machine-wide; the page-table trees of the live processes after each fork, "
                + "write, exit (and touch, munmap, mprotect, madvise, pin), with a PTE table shared by "
                + "several processes drawn once with a pointer from each sharer; the expectations with "
                + "their verdicts; and the comparison table of 'cowpte compare'.",
            "",
            "As in 'compare', the compared policy replaces every 'policy' statement; a "
                + "'fork P -> C policy X' keeps its X."},
        footer = {"", "Exit status: 0 the report was written, 2 an error in the scenario under some policy "
            + "(the report is written all the same) or on the command line."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1", paramLabel = "FILE", description = "the scenario")
    Path path;

    @Mixin
    PolicySelection selection;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "where to write the page (default: the scenario's name with .html, in the current directory)")
    Path output;

    @Override
    public Integer call() {
        RunOptions base = selection.base();
        ScenarioFile file = PolicySelection.oneFile(path, "report");
        String text = file.read();
        ReportWriter.Options options = ReportWriter.Options.defaults().withName(file.display())
                .withBase(base);
        TerminalProgress progress = TerminalProgress.of(spec.commandLine().getErr());
        ReportWriter.Report report;
        try {
            report = ReportWriter.report(text, selection.policies, options,
                    policy -> progress.run(file.display() + " [" + policy + "]", text));
        } finally {
            progress.done();
        }
        String html = report.html();
        Path out = output != null ? output : Path.of(defaultName(path));
        try {
            Files.writeString(out, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError(out + ": cannot write (" + e.getMessage() + ")");
        }
        // as compare: problems other than failed expectations on stderr, and they make the status 2
        for (String problem : PolicyComparison.problems(file.display(), report.runs())) {
            spec.commandLine().getErr().println(problem);
        }
        PolicyComparison.unreached(file.display(), report.runs())
                .ifPresent(w -> spec.commandLine().getErr().println(w));
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().println("wrote " + out + " (" + html.getBytes(StandardCharsets.UTF_8).length
                + " bytes)");
        spec.commandLine().getOut().flush();
        return PolicySelection.exitCode(report.runs());
    }

    static String defaultName(Path scenario) {
        String n = scenario.getFileName().toString();
        return (n.endsWith(".cowpte") ? n.substring(0, n.length() - ".cowpte".length()) : n) + ".html";
    }
}
