package dev.cowpte.run;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.FrontEnd;
import dev.cowpte.lang.SourceRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one path from scenario text to a run: the front end checks it, and when it has no error
 * the interpreter runs it. Used by the command line, the editor and CI alike; never throws on
 * any text.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    /** The policy names the language accepts: the simulator's registry. */
    public static final dev.cowpte.lang.check.Policies POLICIES =
            dev.cowpte.lang.check.Policies.of(dev.cowpte.mm.ForkPolicies.names());

    /** Syntax and name checks only. */
    public static FrontEnd.Result check(String text) {
        try {
            return FrontEnd.analyze(text, POLICIES);
        } catch (RuntimeException e) {
            return new FrontEnd.Result(null, List.of(Diagnostic.error(SourceRange.NONE, DiagnosticCode.INTERNAL_ERROR,
                    "internal error in the front end (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")")));
        }
    }

    public static RunResult run(String text, RunOptions options) {
        return run(text, options, RunListener.NONE);
    }

    /** Checks and, when the text has no error, runs it. */
    public static RunResult run(String text, RunOptions options, RunListener listener) {
        FrontEnd.Result checked = check(text);
        String title = checked.scenario() == null ? null : checked.scenario().title();
        if (checked.hasErrors() || checked.scenario() == null) {
            return new RunResult(title, options.policyOverride(), List.of(), sorted(checked.diagnostics()));
        }
        RunResult ran = new Interpreter(options, listener).run(checked.scenario(), text);
        List<Diagnostic> all = new ArrayList<>(checked.diagnostics());
        all.addAll(ran.diagnostics());
        return new RunResult(ran.title(), ran.policy(), ran.records(), sorted(all));
    }

    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        List<Diagnostic> out = new ArrayList<>(diagnostics);
        out.sort(Comparator.comparingInt((Diagnostic d) -> d.range().line())
                .thenComparingInt(d -> d.range().column()));
        return out;
    }
}
