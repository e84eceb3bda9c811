package dev.cowpte.lsp.services;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.run.Outcome;
import dev.cowpte.run.StatementRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.Range;

/**
 * The findings of a run of the current version: failed expectations with expected and actual,
 * SIGSEGV, out of memory, refused calls, the step budget, simulator invariants, and the
 * statements a stopped run never reached. Each with the interpreter's code.
 */
final class RunDiagnostics {
    private final RunView view;
    private final RelatedStatements related;

    RunDiagnostics(RunView view) {
        this.view = view;
        this.related = new RelatedStatements(view);
    }

    List<Diagnostic> all() {
        List<Diagnostic> out = new ArrayList<>();
        for (Statement s : related.all()) {
            view.record(s).ifPresent(r -> of(s, r, out));
        }
        notRun().ifPresent(out::add);
        return out;
    }

    private void of(Statement s, StatementRecord r, List<Diagnostic> out) {
        if (r.errorCount() > 0) {
            Diagnostic d = DiagnosticsService.diagnostic(LineIndex.toLsp(r.errorRange()), r.errorCode(),
                    r.errorMessage() + times(r.errorCount(), r), r.errorData());
            if (r.errorCode() == DiagnosticCode.EXITED_PROCESS) {
                String process = textAt(r.errorRange());
                related.endOf(process, s.range().startOffset()).ifPresent(x -> relate(d, x));
            }
            out.add(d);
        }
        if (r.failedCount() > 0 && r.firstFailure() != null) {
            Diagnostic d = DiagnosticsService.diagnostic(LineIndex.toLsp(s.range()), DiagnosticCode.EXPECTATION_FAILED,
                    "expectation failed: " + r.firstFailure().message() + times(r.failedCount(), r), List.of());
            if (s instanceof Statement.Expect e) {
                related.forkBefore(e).ifPresent(x -> relate(d, x));
            }
            out.add(d);
        }
        List<String> broken = r.invariantViolations();
        for (String v : broken.subList(0, Math.min(5, broken.size()))) {
            out.add(DiagnosticsService.diagnostic(LineIndex.toLsp(s.range()), DiagnosticCode.INVARIANT,
                    "simulator invariant broken after this statement (a simulator bug): " + v, List.of()));
        }
    }

    /** The statements after the one that stopped the run, greyed out with one hint. */
    private Optional<Diagnostic> notRun() {
        StatementRecord stop = null;
        Statement first = null;
        Statement last = null;
        for (Statement s : view.statements()) {
            Optional<StatementRecord> r = view.record(s);
            if (r.isEmpty()) {
                continue;
            }
            if (r.get().outcome() == Outcome.STOPPED && stop == null) {
                stop = r.get();
            } else if (stop != null && r.get().outcome() == Outcome.NOT_RUN) {
                first = first == null ? s : first;
                last = s;
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        Range range = new Range(LineIndex.toLsp(first.range()).getStart(), LineIndex.toLsp(last.range()).getEnd());
        Diagnostic d = DiagnosticsService.diagnostic(range, DiagnosticCode.NOT_RUN,
                "not run: the scenario stopped at line " + stop.range().line() + " (" + stop.errorCode().id() + ")",
                List.of());
        d.setTags(List.of(DiagnosticTag.Unnecessary));
        return Optional.of(d);
    }

    private void relate(Diagnostic d, RelatedStatements.Related x) {
        DiagnosticsService.relate(d, view.current().uri(), x);
    }

    private String textAt(dev.cowpte.lang.SourceRange r) {
        return DiagnosticsService.text(view.ran().text(), r);
    }

    private static String times(long n, StatementRecord r) {
        return r.executions() > 1 ? " (in " + n + " of " + r.executions() + " iterations)" : "";
    }
}
