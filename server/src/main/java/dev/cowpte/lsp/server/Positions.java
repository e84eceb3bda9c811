package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Positions from the client checked against the document before a feature sees them: a line
 * outside the document means "nothing there"; a character past the line's end means its end,
 * as the protocol says.
 */
public final class Positions {
    private Positions() {
    }

    public static Optional<Position> inside(ScenarioDocument d, Position p) {
        if (p == null || p.getLine() < 0 || p.getLine() >= d.lines().lineCount() || p.getCharacter() < 0) {
            return Optional.empty();
        }
        int length = d.lines().lineEnd(p.getLine()) - d.lines().lineStart(p.getLine());
        return Optional.of(new Position(p.getLine(), Math.min(p.getCharacter(), length)));
    }

    /** A range clamped into the document (the whole document for null). */
    public static Range clamp(ScenarioDocument d, Range r) {
        if (r == null || r.getStart() == null || r.getEnd() == null) {
            return new Range(new Position(0, 0), d.lines().positionAt(d.text().length()));
        }
        int a = d.lines().offsetAt(r.getStart());
        int b = Math.max(a, d.lines().offsetAt(r.getEnd()));
        return new Range(d.lines().positionAt(a), d.lines().positionAt(b));
    }
}
