package dev.cowpte.lsp.services;

import dev.cowpte.kernel.KernelComparison;
import dev.cowpte.kernel.KernelReport;
import dev.cowpte.kernel.KernelRow;
import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lsp.document.DocumentStore.LastKernelCheck;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.LineMapping;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunOptions;
import dev.cowpte.words.KernelWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * "Check against this kernel": runs the open scenario on the simulator and on the running Linux
 * kernel ({@link KernelComparison}), and shows the last check of a document in the editor: a
 * table of the kernel's values beside the simulated ones in the hover of each statement, a
 * warning on each statement where they disagree and a note per reason nothing ran on the
 * kernel. Transport-free; the language server calls {@link #check} on a run-pool thread.
 */
public final class KernelCheckService {
    public static final String SOURCE = "cowpte kernel";
    /** Counters in one hover table; the rest are counted. */
    static final int HOVER_ROWS = 12;
    /** Counters named in one diagnostic; the rest are counted. */
    static final int DIAGNOSTIC_COUNTERS = 4;

    /** What {@code cowpte.kernel} answers: the check in brief and its rows. */
    public record Summary(String uri, int version, int exitCode, String summary, String kernel,
                          List<String> refused, List<String> notes, List<Row> rows) {
    }

    /**
     * One row of the comparison: {@code line} is 1-based (0 for the kernel helper's own failures),
     * {@code range} the statement's in LSP terms.
     */
    public record Row(int line, Range range, String statement, String kind, String counter, String kernel,
                      String simulated, String verdict, String outcome, String note) {
    }

    private final Supplier<KernelComparison> comparison;
    private volatile KernelComparison here;

    /** For this machine: the kernel's facts are read on the first check. */
    public KernelCheckService() {
        this(KernelComparison::here);
    }

    public KernelCheckService(Supplier<KernelComparison> comparison) {
        this.comparison = comparison;
    }

    /**
     * Runs {@code document}'s text on the simulator and on the kernel; long (seconds), so never
     * on a request thread. Stops between statements when {@code options}' cancellation is set;
     * the caller then throws the result away.
     */
    public LastKernelCheck check(ScenarioDocument document, RunOptions options, KernelComparison.Progress progress) {
        KernelComparison k = here;
        if (k == null) {
            synchronized (this) {
                if (here == null) {
                    here = comparison.get();
                }
                k = here;
            }
        }
        return new LastKernelCheck(document, k.run(document.text(), options, progress));
    }

    /** The answer of {@code cowpte.kernel}. */
    public static Summary summary(LastKernelCheck check) {
        KernelReport r = check.report();
        List<Row> rows = new ArrayList<>();
        for (KernelRow x : r.rows()) {
            boolean placed = x.range() != SourceRange.NONE;
            rows.add(new Row(placed ? x.range().line() : 0, placed ? LineIndex.toLsp(x.range()) : top(check.document()),
                    x.statement(), x.kind().name(), x.counter(), x.kernel(), x.simulated(), x.verdict().word(),
                    x.outcome(), x.note()));
        }
        return new Summary(check.document().uri(), check.document().version(), r.exitCode(), describe(r),
                r.facts().describe(), List.copyOf(r.refused()), List.copyOf(r.notes()), rows);
    }

    /** The check in one line: whether the kernel agrees, how many values, which expectations held. */
    public static String describe(KernelReport r) {
        String time = String.format(Locale.ROOT, " (%.2f s)", r.seconds());
        if (!r.refused().isEmpty()) {
            return "not run on the kernel: " + String.join("; ", r.refused()) + time;
        }
        long agree = r.count(Verdict.AGREE);
        long disagree = r.count(Verdict.DISAGREE);
        long notComparable = r.count(Verdict.NOT_COMPARABLE);
        long held = r.expectations(false);
        long failed = r.expectations(true);
        StringBuilder sb = new StringBuilder(disagree == 0 ? "the kernel agrees" : "the kernel DISAGREES");
        sb.append(": ").append(KernelWords.count(agree + disagree, "value")).append(" compared, ")
                .append(disagree).append(" disagreeing, ").append(notComparable).append(" not comparable; ")
                .append(KernelWords.count(held, "expectation")).append(" held on both");
        if (failed > 0) {
            sb.append(", ").append(failed).append(" failed on one side or both");
        }
        long notCompared = r.expectationsNotCompared();
        if (notCompared > 0) {
            sb.append(", ").append(notCompared).append(" held in the simulation, not compared");
        }
        return sb.append(time).toString();
    }

    // ---- diagnostics ----

    /**
     * The diagnostics of a kernel check of {@code current}'s very version: a warning on each
     * statement where the kernel and the simulation disagree, an information per reason nothing
     * ran on the kernel. A check of another version says nothing here.
     */
    public static List<Diagnostic> diagnostics(ScenarioDocument current, Optional<LastKernelCheck> check) {
        if (check == null || check.isEmpty() || !isOf(current, check.get())
                || check.get().document().version() != current.version()) {
            return List.of();
        }
        KernelReport r = check.get().report();
        List<Diagnostic> out = new ArrayList<>();
        for (String reason : r.refused()) {
            out.add(diagnostic(top(current), DiagnosticCode.KERNEL_NOT_RUN,
                    "not checked against this kernel: " + reason));
        }
        Map<SourceRange, List<KernelRow>> disagreeing = new LinkedHashMap<>();
        for (KernelRow x : r.rows()) {
            if (x.verdict() == Verdict.DISAGREE) {
                disagreeing.computeIfAbsent(x.range(), k -> new ArrayList<>()).add(x);
            }
        }
        disagreeing.forEach((range, rows) -> out.add(diagnostic(
                range == SourceRange.NONE ? top(current) : LineIndex.toLsp(range),
                DiagnosticCode.KERNEL_DISAGREES, disagreement(rows))));
        return out;
    }

    private static String disagreement(List<KernelRow> rows) {
        Map<String, KernelRow> byCounter = lastByCounter(rows);
        StringBuilder sb = new StringBuilder("the kernel disagrees with the simulation: ");
        int n = 0;
        for (KernelRow x : byCounter.values()) {
            if (n == DIAGNOSTIC_COUNTERS) {
                sb.append("; and ").append(byCounter.size() - n).append(" more");
                break;
            }
            sb.append(n++ == 0 ? "" : "; ").append(x.counter());
            if (!x.kernel().isEmpty() || !x.simulated().isEmpty()) {
                sb.append(": kernel ").append(orDash(x.kernel())).append(", simulated ").append(orDash(x.simulated()));
            }
            if (x.note() != null && !x.note().isEmpty()) {
                sb.append(" (").append(x.note()).append(')');
            }
        }
        if (rows.size() > byCounter.size()) {
            sb.append(" (").append(rows.size()).append(" disagreeing values over the statement's runs)");
        }
        return sb.toString();
    }

    private static Diagnostic diagnostic(Range range, DiagnosticCode code, String message) {
        Diagnostic d = new Diagnostic(range, message, DiagnosticsService.severity(code.severity()), SOURCE);
        d.setCode(code.id());
        return d;
    }

    // ---- hover ----

    /**
     * The kernel's values for the statement at {@code position} of {@code current}, as a
     * markdown section (counter | kernel | simulated | verdict), from the last check; empty when
     * there is none, the line changed since, or the check has nothing for this statement.
     */
    public static Optional<Section> hover(ScenarioDocument current, Optional<LastKernelCheck> check, Position position) {
        if (check == null || check.isEmpty() || !isOf(current, check.get())) {
            return Optional.empty();
        }
        ScenarioDocument ran = check.get().document();
        boolean same = ran.version() == current.version();
        LineMapping lines = LineMapping.between(ran.text(), current.text());
        OptionalInt old = lines.toOld(position.getLine());
        if (old.isEmpty()) {
            return Optional.empty();
        }
        int offset = ran.lines().offsetAt(new Position(old.getAsInt(), position.getCharacter()));
        List<KernelRow> rows = rowsAt(check.get().report(), offset);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        SourceRange statement = rows.get(0).range();
        Range ranRange = LineIndex.toLsp(statement);
        OptionalInt start = lines.toNew(ranRange.getStart().getLine());
        OptionalInt end = lines.toNew(ranRange.getEnd().getLine());
        Range range = start.isEmpty() || end.isEmpty() ? null
                : new Range(new Position(start.getAsInt(), ranRange.getStart().getCharacter()),
                new Position(end.getAsInt(), ranRange.getEnd().getCharacter()));
        return Optional.of(new Section(table(check.get(), rows, same), range));
    }

    /** A hover's kernel part and the range of its statement in the current text (null if unknown). */
    public record Section(String markdown, Range range) {
    }

    /** The rows of the innermost statement with rows that contains {@code offset}. */
    private static List<KernelRow> rowsAt(KernelReport r, int offset) {
        SourceRange best = null;
        for (KernelRow x : r.rows()) {
            SourceRange s = x.range();
            if (s == SourceRange.NONE || !s.contains(offset)) {
                continue;
            }
            if (best == null || s.endOffset() - s.startOffset() < best.endOffset() - best.startOffset()) {
                best = s;
            }
        }
        if (best == null) {
            return List.of();
        }
        SourceRange found = best;
        return r.rows().stream().filter(x -> x.range().equals(found)).toList();
    }

    private static String table(LastKernelCheck check, List<KernelRow> rows, boolean same) {
        Map<String, KernelRow> byCounter = lastByCounter(rows);
        StringBuilder md = new StringBuilder();
        md.append("**on this kernel** — ").append(check.report().facts().describe()).append('\n');
        if (!same) {
            md.append("\n_from the kernel check of version ").append(check.document().version())
                    .append("; the text has changed since_\n");
        }
        md.append("\n| counter | kernel | simulated | verdict |\n|---|---|---|---|\n");
        List<String> notes = new ArrayList<>();
        int n = 0;
        for (KernelRow x : byCounter.values()) {
            if (n++ == HOVER_ROWS) {
                break;
            }
            String verdict = x.verdict().word() + (x.outcome().isEmpty() ? "" : ", " + x.outcome());
            md.append("| ").append(cell(x.counter())).append(" | ").append(cell(orDash(x.kernel()))).append(" | ")
                    .append(cell(orDash(x.simulated()))).append(" | ").append(cell(verdict)).append(" |\n");
            if (x.note() != null && !x.note().isEmpty()) {
                notes.add(x.counter() + ": " + x.note());
            }
        }
        if (byCounter.size() > HOVER_ROWS) {
            md.append("\n_and ").append(byCounter.size() - HOVER_ROWS).append(" more counters (cowpte kernel shows all)_\n");
        }
        for (String note : notes) {
            md.append("\n- ").append(note);
        }
        return md.toString().stripTrailing();
    }

    /**
     * One row per counter, in order of first appearance: its last disagreement if it ever
     * disagreed, else its last row (a statement in a repeat has a row per iteration).
     */
    private static Map<String, KernelRow> lastByCounter(List<KernelRow> rows) {
        Map<String, KernelRow> out = new LinkedHashMap<>();
        for (KernelRow x : rows) {
            KernelRow before = out.get(x.counter());
            if (before == null || before.verdict() != Verdict.DISAGREE || x.verdict() == Verdict.DISAGREE) {
                out.put(x.counter(), x);
            }
        }
        return out;
    }

    private static boolean isOf(ScenarioDocument current, LastKernelCheck check) {
        return current != null && check.document() != null && check.report() != null
                && check.document().uri().equals(current.uri());
    }

    /** The first line of the document, where findings about the whole check go. */
    private static Range top(ScenarioDocument d) {
        int end = d.lines().lineCount() == 0 ? 0 : d.lines().lineEnd(0);
        return new Range(new Position(0, 0), d.lines().positionAt(end));
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "—" : s;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
