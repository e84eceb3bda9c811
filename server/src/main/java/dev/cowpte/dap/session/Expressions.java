package dev.cowpte.dap.session;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.FrontEnd;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads what users type into a debugger in the scenario language itself: a breakpoint condition
 * is an expectation as it follows {@code expect} ({@code refcount p buf[0] > 1}); a Debug Console
 * line is a quantity ({@code rss p}), an expectation, or a {@code show}. The front end parses
 * them like a scenario line; only name checks are left to the evaluation, where the processes
 * and regions of that moment are known.
 */
public final class Expressions {
    /** Name problems the front end sees in a lone line but the run's state may resolve. */
    private static final Set<DiagnosticCode> RESOLVED_AT_STOP = EnumSet.of(DiagnosticCode.UNDECLARED_PROCESS,
            DiagnosticCode.UNDECLARED_REGION, DiagnosticCode.UNDECLARED_VARIABLE, DiagnosticCode.EXITED_PROCESS,
            DiagnosticCode.INDEX_OUT_OF_REGION);

    private Expressions() {
    }

    /** A parsed Debug Console line: exactly one of the three is set. */
    public record Parsed(Expectation quantity, Expectation expectation, Statement.Show show) {
    }

    /** A breakpoint condition: an expectation with its comparison (not {@code segv}). */
    public static Expectation condition(String text) {
        Statement s = statement("expect " + text.strip());
        if (!(s instanceof Statement.Expect e) || e.expectation() instanceof Expectation.Segv) {
            throw new IllegalArgumentException("a condition is an expectation as written after 'expect', "
                    + "e.g. 'refcount parent buf[0] > 1'");
        }
        return e.expectation();
    }

    /** A Debug Console line. */
    public static Parsed console(String text) {
        String t = text.strip();
        if (t.startsWith("expect ")) {
            t = t.substring("expect ".length()).strip();
        }
        if (t.equals("show") || t.startsWith("show ")) {
            if (statement(t) instanceof Statement.Show show) {
                return new Parsed(null, null, show);
            }
        }
        if (!t.startsWith("segv")) {
            try {
                if (statement("expect " + t + " >= 0") instanceof Statement.Expect e) {
                    return new Parsed(e.expectation(), null, null);
                }
            } catch (IllegalArgumentException notAQuantity) {
                // an expectation with its own comparison, or shared/private
            }
        }
        return new Parsed(null, condition(t), null);
    }

    /** One statement from one line, or IllegalArgumentException with the front end's message. */
    private static Statement statement(String line) {
        if (line.contains("\n") || line.contains("\r")) {
            throw new IllegalArgumentException("one line only");
        }
        FrontEnd.Result r = FrontEnd.analyze(line + "\n", dev.cowpte.run.ScenarioRunner.POLICIES);
        for (Diagnostic d : r.diagnostics()) {
            if (d.severity() == Diagnostic.Severity.ERROR && !RESOLVED_AT_STOP.contains(d.code())) {
                throw new IllegalArgumentException(d.message());
            }
        }
        List<Statement> all = r.scenario() == null ? List.of() : r.scenario().statements();
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one expression");
        }
        return all.get(0);
    }
}
