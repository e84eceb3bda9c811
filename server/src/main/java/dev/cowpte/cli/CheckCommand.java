package dev.cowpte.cli;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.FrontEnd;
import dev.cowpte.run.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks syntax and names without running anything.",
            "Exit status: 0 no error, 2 an error."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "scenario files; directories are searched for *.cowpte")
    List<Path> paths;

    /** Where the command writes when it runs without picocli ({@link Main}'s plain lines); else null. */
    PrintWriter out;

    @Override
    public Integer call() {
        int code = ExitCodes.OK;
        StringBuilder sb = new StringBuilder();
        List<ScenarioFile> files = ScenarioFile.collect(paths);
        for (ScenarioFile f : files) {
            FrontEnd.Result r;
            try {
                r = ScenarioRunner.check(f.read());
            } catch (ScenarioFile.Unreadable e) {
                r = new FrontEnd.Result(null, List.of(e.diagnostic));
            }
            for (Diagnostic d : r.diagnostics()) {
                sb.append(d.format(f.display())).append('\n');
            }
            long errors = r.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
            sb.append(f.display()).append(": ").append(errors == 0 ? "ok" : "ERROR, " + errors
                    + (errors == 1 ? " error" : " errors")).append('\n');
            if (errors > 0) {
                code = ExitCodes.ERROR;
            }
        }
        PrintWriter o = out != null ? out : spec.commandLine().getOut();
        o.print(sb);
        o.flush();
        return code;
    }
}
