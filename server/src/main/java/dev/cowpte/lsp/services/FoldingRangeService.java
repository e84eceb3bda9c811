package dev.cowpte.lsp.services;

import dev.cowpte.lang.parser.CowpteLexer;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.lsp.document.SourceTokens;
import dev.cowpte.lsp.document.SourceTokens.Tok;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;

/**
 * Folding: each repeat block from its {@code repeat} line to the line before its closing brace
 * (the brace stays visible), and each run of two or more whole-line comments. Read from the
 * tokens, so blocks fold while the text has errors.
 */
public final class FoldingRangeService {
    private FoldingRangeService() {
    }

    public static List<FoldingRange> foldingRanges(ScenarioDocument document) {
        List<Tok> tokens = SourceTokens.of(document.text());
        LineIndex lines = document.lines();
        List<FoldingRange> out = new ArrayList<>();
        blocks(tokens, lines, out);
        comments(tokens, lines, out);
        out.sort(Comparator.comparingInt(FoldingRange::getStartLine));
        return out;
    }

    private static void blocks(List<Tok> tokens, LineIndex lines, List<FoldingRange> out) {
        Deque<Integer> open = new ArrayDeque<>();
        int repeatLine = -1;
        for (Tok t : tokens) {
            if (t.is(CowpteLexer.REPEAT)) {
                repeatLine = lines.positionAt(t.start()).getLine();
            } else if (t.is(CowpteLexer.LBRACE)) {
                open.push(repeatLine >= 0 ? repeatLine : lines.positionAt(t.start()).getLine());
                repeatLine = -1;
            } else if (t.is(CowpteLexer.RBRACE) && !open.isEmpty()) {
                int start = open.pop();
                int end = lines.positionAt(t.start()).getLine() - 1;
                if (end > start) {
                    out.add(new FoldingRange(start, end));
                }
            }
        }
    }

    private static void comments(List<Tok> tokens, LineIndex lines, List<FoldingRange> out) {
        int runStart = -1;
        int runEnd = -1;
        int previousCodeLine = -1;
        for (Tok t : tokens) {
            int line = lines.positionAt(t.start()).getLine();
            if (t.is(CowpteLexer.NEWLINE)) {
                continue;
            }
            boolean wholeLine = t.is(SourceTokens.COMMENT) && line != previousCodeLine;
            if (!t.is(SourceTokens.COMMENT)) {
                previousCodeLine = line;
            }
            if (wholeLine && runStart >= 0 && runEnd == line - 1) {
                runEnd = line;
                continue;
            }
            close(runStart, runEnd, out);
            runStart = wholeLine ? line : -1;
            runEnd = wholeLine ? line : -1;
        }
        close(runStart, runEnd, out);
    }

    private static void close(int start, int end, List<FoldingRange> out) {
        if (start >= 0 && end > start) {
            FoldingRange r = new FoldingRange(start, end);
            r.setKind(FoldingRangeKind.Comment);
            out.add(r);
        }
    }
}
