package dev.cowpte.lsp.services;

import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.mm.MachineSummary;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.words.Amounts;
import dev.cowpte.run.Outcome;
import dev.cowpte.run.StatementRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.InlineValue;
import org.eclipse.lsp4j.InlineValueText;
import org.eclipse.lsp4j.Range;

/**
 * Inline values for a debugger stopped in a scenario (LSP 3.17 {@code textDocument/inlineValue}):
 * beside each statement in view, at or above the stopped line, the counters after it — machine
 * page tables and memory, each live process's rss and pgtables_bytes (a few), an expectation's
 * actual value — from the last finished run of the document. As with inlay hints, a run of an
 * older version answers only above the first edited line. A statement inside a repeat shows its
 * last iteration.
 */
public final class InlineValueService {
    static final int MAX_PROCESSES = 4;

    public List<InlineValue> inlineValues(ScenarioDocument document, Optional<DocumentStore.LastRun> lastRun,
                                          Range range, Range stoppedLocation) {
        List<InlineValue> out = new ArrayList<>();
        Optional<RunView> view = RunView.of(document, lastRun);
        if (view.isEmpty()) {
            return out;
        }
        int lastLine = stoppedLocation == null ? Integer.MAX_VALUE : stoppedLocation.getEnd().getLine();
        for (Statement top : view.get().statements()) {
            if (!view.get().stillHolds(top)) {
                break;
            }
            visit(view.get(), top, range, lastLine, out);
        }
        return out;
    }

    private void visit(RunView view, Statement s, Range range, int lastLine, List<InlineValue> out) {
        if (s.isBlock()) {
            for (Statement inner : s.children()) {
                visit(view, inner, range, lastLine, out);
            }
            return;
        }
        Optional<StatementRecord> rec = view.record(s);
        Optional<Range> at = view.toCurrent(s.range());
        if (rec.isEmpty() || at.isEmpty() || rec.get().executions() == 0 || rec.get().outcome() == Outcome.NOT_RUN) {
            return;
        }
        int line = at.get().getEnd().getLine();
        if (line > lastLine || (range != null && (line < range.getStart().getLine() || line > range.getEnd().getLine()))) {
            return;
        }
        String text = text(rec.get());
        if (!text.isEmpty()) {
            out.add(new InlineValue(new InlineValueText(new Range(at.get().getEnd(), at.get().getEnd()), text)));
        }
    }

    static String text(StatementRecord r) {
        StringBuilder sb = new StringBuilder();
        if (r.expectation() != null) {
            sb.append("actual ").append(r.expectation().actual());
        }
        MachineSummary m = r.machine();
        if (m != null) {
            sep(sb).append("pagetables ").append(Amounts.bytes(m.pageTablesBytes())).append(", memory ")
                    .append(Amounts.bytes(m.memoryInUse()));
        }
        List<MmSummary> ps = r.processes();
        for (MmSummary p : ps.subList(0, Math.min(MAX_PROCESSES, ps.size()))) {
            sep(sb).append(p.comm()).append(": rss ").append(Amounts.pages(p.rssPages())).append(", pt ")
                    .append(Amounts.bytes(p.pgtablesBytes()));
        }
        if (ps.size() > MAX_PROCESSES) {
            sep(sb).append(ps.size() - MAX_PROCESSES).append(" more processes");
        }
        return sb.toString();
    }

    private static StringBuilder sep(StringBuilder sb) {
        return sb.length() == 0 ? sb : sb.append(" · ");
    }
}
