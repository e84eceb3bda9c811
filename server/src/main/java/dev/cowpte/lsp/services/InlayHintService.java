package dev.cowpte.lsp.services;

import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.Outcome;
import dev.cowpte.run.StatementRecord;
import dev.cowpte.words.KernelWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * After each fork, touch, write, munmap and exit, what it changed ({@code +12 KiB tables, 1 table
 * shared}); after each expectation, the actual value ({@code = 12 KiB}).
 *
 * <p>A run of an older version gives hints only for the statements above the first edited line:
 * statements run top to bottom, so what they did can not depend on the edit and their hints are
 * exact, not stale; below the edit every number may have changed, and no hint is better than a
 * wrong one until the next run lands. The hints above an edit also stay put while the user types.
 */
public final class InlayHintService {

    public List<InlayHint> inlayHints(ScenarioDocument document, Optional<DocumentStore.LastRun> lastRun, Range range) {
        List<InlayHint> out = new ArrayList<>();
        Optional<RunView> view = RunView.of(document, lastRun);
        if (view.isEmpty()) {
            return out;
        }
        for (Statement top : view.get().statements()) {
            if (!view.get().stillHolds(top)) {
                break;
            }
            List<Statement> path = new ArrayList<>();
            path.add(top);
            visit(view.get(), path, range, out);
        }
        return out;
    }

    private void visit(RunView view, List<Statement> path, Range range, List<InlayHint> out) {
        Statement s = path.get(path.size() - 1);
        if (s.isBlock()) {
            for (Statement inner : s.children()) {
                path.add(inner);
                visit(view, path, range, out);
                path.remove(path.size() - 1);
            }
            return;
        }
        if (!StatementEffects.hinted(s)) {
            return;
        }
        Optional<StatementRecord> rec = view.record(s);
        if (rec.isEmpty() || rec.get().executions() == 0 || rec.get().errorCount() > 0
                || rec.get().outcome() == Outcome.NOT_RUN) {
            return;
        }
        Optional<Range> at = view.toCurrent(s.range());
        if (at.isEmpty() || !within(at.get().getEnd().getLine(), range)) {
            return;
        }
        LastIteration last = new LastIteration(withHolder(path));
        StatementEffects.label(s, rec.get(), last).ifPresent(label -> {
            InlayHint h = new InlayHint(at.get().getEnd(), Either.forLeft(label));
            h.setPaddingLeft(true);
            h.setTooltip(Either.forRight(new MarkupContent(MarkupKind.MARKDOWN, tooltip(rec.get(), last))));
            out.add(h);
        });
    }

    /** LastIteration reads the repeats above the last element of a path; a statement's path ends with it. */
    private static List<Statement> withHolder(List<Statement> path) {
        return List.copyOf(path);
    }

    private static String tooltip(StatementRecord r, LastIteration last) {
        String work = "work: " + KernelWords.work(r.work());
        return last.insideRepeat() ? last.note() + "\n\n" + work : work;
    }

    private static boolean within(int line, Range range) {
        return range == null || (line >= range.getStart().getLine() && line <= range.getEnd().getLine());
    }
}
