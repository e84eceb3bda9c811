package dev.cowpte.lsp.services;

import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Quick fixes for the diagnostics under a range: the word a "did you mean" names, {@code expect
 * segv} before an access that faults, and a {@code process} or {@code mmap} statement for a name
 * used before it was declared or mapped. Each fix is one edit of the document and carries the
 * diagnostic it answers.
 */
public final class CodeActionService {
    private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean '([^']+)'\\?");
    private static final Pattern NO_REGION = Pattern.compile("^process '([^'{}]+)' has no region '([^'{}]+)'");
    private static final Pattern NOT_DECLARED = Pattern.compile("^process '([^'{}]+)' is not declared");

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

    private List<CodeAction> fixes(ScenarioDocument document, Diagnostic d) {
        List<CodeAction> out = new ArrayList<>();
        String code = d.getCode() == null ? "" : d.getCode().isLeft() ? d.getCode().getLeft()
                : String.valueOf(d.getCode().getRight());
        Matcher meant = DID_YOU_MEAN.matcher(d.getMessage());
        if (meant.find()) {
            out.add(fix("Change to '" + meant.group(1) + "'", d, new TextEdit(d.getRange(), meant.group(1)), document,
                    true));
        }
        int at = document.lines().offsetAt(d.getRange().getStart());
        Statement outermost = statementAt(document, at, true);
        Matcher process = NOT_DECLARED.matcher(d.getMessage());
        if ("undeclared-process".equals(code) && process.find() && outermost != null) {
            out.add(fix("Declare process '" + process.group(1) + "'", d,
                    insertBefore(document, outermost, "process " + process.group(1)), document, !meant.find(0)));
        }
        Matcher region = NO_REGION.matcher(d.getMessage());
        if ("undeclared-region".equals(code) && region.find() && outermost != null) {
            out.add(fix("Map region '" + region.group(2) + "' in '" + region.group(1) + "' (mmap, 1M)", d,
                    insertBefore(document, outermost, "mmap " + region.group(1) + " " + region.group(2) + " 1M"),
                    document, !meant.find(0)));
        }
        if ("segv".equals(code) || "unmapped-region".equals(code) || "readonly-region".equals(code)) {
            Statement access = statementAt(document, at, false);
            if (access != null && Statements.faultingProcess(access) != null) {
                Position start = document.lines().positionAt(access.range().startOffset());
                out.add(fix("Add 'expect segv': this access is meant to fault", d,
                        new TextEdit(new Range(start, start), "expect segv "), document, true));
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

    /** A new line before the line of {@code s}, with that line's indentation. */
    private static TextEdit insertBefore(ScenarioDocument document, Statement s, String line) {
        int lineNo = document.lines().positionAt(s.range().startOffset()).getLine();
        int from = document.lines().lineStart(lineNo);
        String text = document.text();
        int indentEnd = from;
        while (indentEnd < text.length() && (text.charAt(indentEnd) == ' ' || text.charAt(indentEnd) == '\t')) {
            indentEnd++;
        }
        Position p = new Position(lineNo, 0);
        return new TextEdit(new Range(p, p), text.substring(from, indentEnd) + line + "\n");
    }

    /**
     * The statement at {@code offset}: the outermost one (a whole {@code repeat}), or the innermost
     * one, the access inside {@code expect segv} being an expectation's own statement.
     */
    private static Statement statementAt(ScenarioDocument document, int offset, boolean outermost) {
        if (document.analysis().scenario() == null) {
            return null;
        }
        return find(document.analysis().scenario().statements(), offset, outermost);
    }

    private static Statement find(List<Statement> statements, int offset, boolean outermost) {
        for (Statement s : statements) {
            if (s.range().startOffset() <= offset && offset <= s.range().endOffset()) {
                if (outermost) {
                    return s;
                }
                if (s instanceof Statement.Repeat r) {
                    Statement inner = find(r.body(), offset, false);
                    return inner != null ? inner : s;
                }
                if (s instanceof Statement.Expect e && e.expectation() instanceof Expectation.Segv) {
                    return null; // already expected to fault
                }
                return s;
            }
        }
        return null;
    }

    private static boolean touches(ScenarioDocument document, Range a, Range b) {
        int aFrom = document.lines().offsetAt(a.getStart());
        int aTo = document.lines().offsetAt(a.getEnd());
        int bFrom = document.lines().offsetAt(b.getStart());
        int bTo = document.lines().offsetAt(b.getEnd());
        return aFrom <= bTo && bFrom <= aTo;
    }
}
