package dev.cowpte.lsp.services;

import dev.cowpte.lang.DiagnosticData;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Quick fixes for the diagnostics under a range, each read from the data the diagnostic carries
 * ({@link DiagnosticData}, in the LSP diagnostic's {@code data}), never from its message: the word
 * a "did you mean" names, {@code expect segv} before an access that faults, and a {@code process}
 * or {@code mmap} statement for a name used before it was declared or mapped. Each fix is one edit
 * of the document and carries the diagnostic it answers.
 */
public final class CodeActionService {
    private final DiagnosticsService diagnostics = new DiagnosticsService();

    /** The fixes for the diagnostics of the document (front end and the current run) that touch {@code range}. */
    public List<CodeAction> actions(ScenarioDocument document, Optional<DocumentStore.LastRun> lastRun, Range range) {
        List<CodeAction> out = new ArrayList<>();
        for (Diagnostic d : diagnostics.diagnostics(document, lastRun)) {
            if (touches(document, d.getRange(), range)) {
                out.addAll(fixes(document, d));
            }
        }
        return out;
    }

    /** The fixes of one diagnostic, from its {@code data}. */
    List<CodeAction> fixes(ScenarioDocument document, Diagnostic d) {
        List<DiagnosticData> data = DiagnosticDataJson.read(d.getData());
        // a declaration is the likely fix only when no name close to the one written exists
        boolean meant = data.stream().anyMatch(x -> x instanceof DiagnosticData.Meant);
        List<CodeAction> out = new ArrayList<>();
        for (DiagnosticData x : data) {
            if (x instanceof DiagnosticData.Meant m) {
                out.add(fix("Change to '" + m.word() + "'", d, new TextEdit(LineIndex.toLsp(m.range()), m.word()),
                        document, true));
            } else if (x instanceof DiagnosticData.DeclareProcess p) {
                out.add(fix("Declare process '" + p.process() + "'", d,
                        insertBefore(document, p.before(), "process " + p.process()), document, !meant));
            } else if (x instanceof DiagnosticData.MapRegion r) {
                out.add(fix("Map region '" + r.region() + "' in '" + r.process() + "' (mmap, 1M)", d,
                        insertBefore(document, r.before(), "mmap " + r.process() + " " + r.region() + " 1M"),
                        document, !meant));
            } else if (x instanceof DiagnosticData.ExpectSegv e) {
                Position start = LineIndex.toLsp(e.access()).getStart();
                out.add(fix("Add 'expect segv': this access is meant to fault", d,
                        new TextEdit(new Range(start, start), "expect segv "), document, true));
            } else if (x instanceof DiagnosticData.ReadEveryPage r) {
                out.add(fix("Read every page: '" + r.statement() + "'", d,
                        new TextEdit(LineIndex.toLsp(r.range()), r.statement()), document, true));
            }
        }
        return out;
    }

    private static CodeAction fix(String title, Diagnostic d, TextEdit edit, ScenarioDocument document,
                                  boolean preferred) {
        CodeAction a = new CodeAction(title);
        a.setKind(CodeActionKind.QuickFix);
        a.setDiagnostics(List.of(d));
        a.setIsPreferred(preferred);
        Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
        changes.put(document.uri(), List.of(edit));
        a.setEdit(new WorkspaceEdit(changes));
        return a;
    }

    /** A new line before the line where {@code before} starts, with that line's indentation. */
    private static TextEdit insertBefore(ScenarioDocument document, SourceRange before, String line) {
        int lineNo = LineIndex.toLsp(before).getStart().getLine();
        int from = document.lines().lineStart(lineNo);
        String text = document.text();
        int indentEnd = from;
        while (indentEnd < text.length() && (text.charAt(indentEnd) == ' ' || text.charAt(indentEnd) == '\t')) {
            indentEnd++;
        }
        Position p = new Position(lineNo, 0);
        return new TextEdit(new Range(p, p), text.substring(from, indentEnd) + line + "\n");
    }

    private static boolean touches(ScenarioDocument document, Range a, Range b) {
        int aFrom = document.lines().offsetAt(a.getStart());
        int aTo = document.lines().offsetAt(a.getEnd());
        int bFrom = document.lines().offsetAt(b.getStart());
        int bTo = document.lines().offsetAt(b.getEnd());
        return aFrom <= bTo && bFrom <= aTo;
    }
}
