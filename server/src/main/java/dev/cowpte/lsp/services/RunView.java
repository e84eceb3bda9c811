package dev.cowpte.lsp.services;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.LineMapping;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.StatementRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * The last finished run as seen from one version of a document: whether it ran on this very
 * version, the document it ran on, its records by statement, and the mapping between the lines
 * it ran on and the lines of the current text (for a run of an older version).
 */
final class RunView {
    private final ScenarioDocument current;
    private final DocumentStore.LastRun run;
    private final LineMapping lines;
    private final Map<Long, StatementRecord> records = new HashMap<>();

    private RunView(ScenarioDocument current, DocumentStore.LastRun run) {
        this.current = current;
        this.run = run;
        this.lines = LineMapping.between(run.document().text(), current.text());
        for (StatementRecord r : run.result().records()) {
            records.put(key(r.range()), r);
        }
    }

    /** The view of {@code last} from {@code current}; empty when there is no run, or it is of another document. */
    static Optional<RunView> of(ScenarioDocument current, Optional<DocumentStore.LastRun> last) {
        if (current == null || last == null || last.isEmpty() || last.get().document() == null
                || last.get().result() == null || !last.get().document().uri().equals(current.uri())) {
            return Optional.empty();
        }
        return Optional.of(new RunView(current, last.get()));
    }

    /** Whether the run is of the current version. */
    boolean isCurrent() {
        return run.document().version() == current.version();
    }

    int ranVersion() {
        return run.document().version();
    }

    ScenarioDocument current() {
        return current;
    }

    /** The document the run ran on: its tree's statements are the ones the records describe. */
    ScenarioDocument ran() {
        return run.document();
    }

    RunResult result() {
        return run.result();
    }

    /** The top-level statements of the text the run ran on. */
    List<Statement> statements() {
        return ran().analysis().scenario() == null ? List.of() : ran().analysis().scenario().statements();
    }

    /** The record of a statement of {@link #ran()}'s tree. */
    Optional<StatementRecord> record(Statement s) {
        return Optional.ofNullable(records.get(key(s.range())));
    }

    /** The offset in the ran text of a position in the current text, when its line did not change. */
    OptionalInt toRanOffset(Position p) {
        OptionalInt line = lines.toOld(p.getLine());
        if (line.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(ran().lines().offsetAt(new Position(line.getAsInt(), p.getCharacter())));
    }

    /** The current text's range of a range in the ran text, when its lines did not change. */
    Optional<Range> toCurrent(SourceRange r) {
        Range ran = dev.cowpte.lsp.document.LineIndex.toLsp(r);
        OptionalInt start = lines.toNew(ran.getStart().getLine());
        OptionalInt end = lines.toNew(ran.getEnd().getLine());
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Range(new Position(start.getAsInt(), ran.getStart().getCharacter()),
                new Position(end.getAsInt(), ran.getEnd().getCharacter())));
    }

    /**
     * Whether the run's results for a top-level statement still hold for the current text: every
     * line up to the statement's end is unchanged, and statements run top to bottom, so nothing
     * the edit touched can have changed what the statement did.
     */
    boolean stillHolds(Statement topLevel) {
        return isCurrent() || topLevel.range().endLine() - 1 < lines.firstChangedLine();
    }

    private static long key(SourceRange r) {
        return ((long) r.startOffset() << 32) | (r.endOffset() & 0xffffffffL);
    }
}
